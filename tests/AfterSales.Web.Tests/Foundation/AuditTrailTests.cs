using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AfterSales.Domain.Customers;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Auditing;
using AfterSales.Web.Tests.Infrastructure;
using AfterSales.Web.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Foundation;

public sealed class AuditTrailTests(AppFixture app) : AppTest(app)
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public async Task A_successful_save_leaves_exactly_one_audit_row_per_changed_entity()
    {
        await using var db = App.NewDbContext();
        var model = await db.ProductModels.FirstAsync();
        var customer = new Customer(CustomerKind.Person, "李雷", "北京市海淀区", DateTimeOffset.UtcNow);
        customer.AddPhone("13800138000");
        db.Customers.Add(customer);
        db.Units.Add(new Unit(customer.Id, model.Id, "SN-AUDIT-1", Today.AddDays(-30), true, "INV-1", null, Today));
        await db.SaveChangesAsync();

        var rows = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["Customer", "CustomerPhone", "Unit"], rows.Select(r => r.EntityName).Order());
        Assert.All(rows, r => Assert.Equal("Added", r.Action));
        Assert.Equal(customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), rows.Single(r => r.EntityName == "Customer").EntityKey);
        Assert.Contains("李雷", rows.Single(r => r.EntityName == "Customer").Changes, StringComparison.Ordinal);

        customer.Update(CustomerKind.Person, "李雷", null, "上海市浦东新区");
        await db.SaveChangesAsync();
        var update = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "Modified").SingleAsync();
        Assert.Equal("Customer", update.EntityName);
        Assert.Contains("北京市海淀区", update.Changes, StringComparison.Ordinal);
        Assert.Contains("上海市浦东新区", update.Changes, StringComparison.Ordinal);
        Assert.Equal("system", update.UserName);
    }

    [Fact]
    public async Task A_failed_save_leaves_no_audit_row()
    {
        await using var db = App.NewDbContext();
        var model = await db.ProductModels.FirstAsync();
        var customer = new Customer(CustomerKind.Person, "韩梅梅", null, DateTimeOffset.UtcNow);
        customer.AddPhone("13900139000");
        db.Customers.Add(customer);
        db.Units.Add(new Unit(customer.Id, model.Id, "SN-DUP", null, false, null, null, Today));
        db.Units.Add(new Unit(customer.Id, model.Id, "SN-DUP", null, false, null, null, Today));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var fresh = App.NewDbContext();
        Assert.Equal(0, await fresh.AuditEntries.CountAsync());
        Assert.Equal(0, await fresh.Customers.CountAsync());
    }

    [Fact]
    public async Task A_saved_signature_is_referenced_in_the_audit_row_by_its_hash_and_size_not_copied()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000081", steps: FieldWorkData.ToDiagnosed);
        var signature = new byte[250_000];
        new Random(7).NextBytes(signature);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(signature, 0);
        using var tech = await Client().SignedInAsync("tech1");

        using var completed = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Complete", ("Completion.CustomerName", "王女士"), ("Completion.Signature", "data:image/png;base64," + Convert.ToBase64String(signature)), ("Completion.Opinion", "满意"));
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);

        await using var db = App.NewDbContext();
        Assert.Equal(signature, (await db.WorkOrders.AsNoTracking().SingleAsync()).Signature);
        var key = order.WorkOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.EntityName == "WorkOrder" && a.EntityKey == key).ToListAsync();
        Assert.All(rows, r => Assert.True(r.Changes.Length < 2_000, $"audit row of {r.Changes.Length} characters"));
        var row = rows.Single(r => r.Changes.Contains("\"Signature\"", StringComparison.Ordinal));
        using var changes = JsonDocument.Parse(row.Changes);
        var stored = changes.RootElement.GetProperty("Signature").GetProperty("new");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(signature)), stored.GetProperty("sha256").GetString());
        Assert.Equal(250_000, stored.GetProperty("length").GetInt32());

        var clock = new CompanyClock(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new Web.Infrastructure.Settings.CompanyOptions()));
        var shown = Localizers.In("en", l => AuditValues.Format(l, clock, "Signature", stored.GetRawText()));
        Assert.Equal("245 KB of content (sha256 " + Convert.ToHexStringLower(SHA256.HashData(signature))[..12] + "…), not copied into the audit log", shown);
    }

    [Fact]
    public void Small_values_are_kept_as_they_are_and_long_text_is_referenced()
    {
        Assert.Equal("李雷", AuditedValue.Of("李雷"));
        Assert.Equal(42m, AuditedValue.Of(42m));
        var text = new string('长', AuditedValue.MaxTextChars + 1);
        var reference = Assert.IsType<LargeValue>(AuditedValue.Of(text));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), reference.Length);
        Assert.Equal(64, reference.Sha256.Length);
    }
}
