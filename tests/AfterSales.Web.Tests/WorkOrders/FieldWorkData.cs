using System.Globalization;
using System.IO.Compression;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.WorkOrders;

/// <summary>Tickets assigned to a technician with a work order, built through the domain; a real drawn-like PNG.</summary>
public static class FieldWorkData
{
    public static readonly WorkingCalendar Weekends = WorkingCalendar.WeekendsOnly;

    public static async Task<string> UserIdAsync(AppFixture app, string userName)
    {
        await using var db = app.NewDbContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A ticket for a new customer, assigned to <paramref name="technician"/>, and its work order taken through <paramref name="steps"/>.</summary>
    public static async Task<(long WorkOrderId, long TicketId, string Number)> WorkOrderAsync(
        AppFixture app, string technician, string phone, bool inWarranty = true, DateOnly? appointment = null, Action<WorkOrder>? steps = null, string customerName = "王女士")
    {
        await using var db = app.NewDbContext();
        var technicianId = await db.Users.Where(u => u.UserName == technician).Select(u => u.Id).SingleAsync();
        var purchased = inWarranty ? TestData.Today.AddMonths(-2) : TestData.Today.AddYears(-4);
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, customerName, phone, "KF2401-" + phone[^4..], purchased);
        var ticket = await TestData.TicketAsync(db, customer, unit);
        var now = DateTimeOffset.UtcNow;
        ticket.Assign(technicianId, now);
        var workOrder = WorkOrder.Create(ticket.Id, technicianId, appointment ?? TestData.Today, TimeSlot.Morning, now, "dispatch1");
        steps?.Invoke(workOrder);

        // The steps are history as built: the ticket stays as it is and no follow-up call is added by their events.
        workOrder.ClearDomainEvents();
        db.WorkOrders.Add(workOrder);
        await db.SaveChangesAsync();
        return (workOrder.Id, ticket.Id, ticket.Number);
    }

    public static void ToDiagnosed(WorkOrder w)
    {
        var now = DateTimeOffset.UtcNow;
        w.Accept(now);
        w.Arrive(now, true, null);
        w.Diagnose("压缩机电容损坏", false, now);
    }

    public static async Task<uint> VersionAsync(AppFixture app, long workOrderId)
    {
        await using var db = app.NewDbContext();
        return await db.WorkOrders.Where(w => w.Id == workOrderId).Select(w => w.Version).SingleAsync();
    }

    public static async Task<HttpResponseMessage> StepAsync(AppFixture app, AppClient client, long workOrderId, string handler, params (string Name, string Value)[] fields)
    {
        var version = await VersionAsync(app, workOrderId);
        var url = "/WorkOrders/" + workOrderId.ToString(CultureInfo.InvariantCulture);
        return await client.PostFormAsync(
            "/WorkOrders",
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("version", version.ToString(CultureInfo.InvariantCulture))),
            url + "?handler=" + handler);
    }

    public static string SignatureDataUrl() => "data:image/png;base64," + Convert.ToBase64String(Png(60, 24));

    /// <summary>A real PNG (8-bit RGB) with a diagonal stroke.</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            for (var x = 0; x < width; x++)
            {
                var ink = Math.Abs(x * height / width - y) <= 1;
                raw[row + 1 + x * 3] = raw[row + 2 + x * 3] = raw[row + 3 + x * 3] = ink ? (byte)0 : (byte)255;
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, width);
        WriteBigEndian(header, 4, height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(MemoryStream png, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, data.Length);
        png.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, (int)Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static void WriteBigEndian(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }
}
