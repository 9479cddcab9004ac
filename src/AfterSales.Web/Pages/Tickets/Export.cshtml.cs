using System.Globalization;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Exporting;
using AfterSales.Web.Infrastructure.Settings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// /Tickets/Export?format=xlsx|csv plus the list's filters (F.…): every ticket the list's filter and search match, not
/// just one page, newest first, streamed to the browser as it is read (the download shows its progress). At most
/// <c>Tickets:ExportLimit</c> rows (100,000): the matching tickets are counted first (never further than the limit) and a
/// larger export is refused with a message asking to narrow the filter. Without a format the page shows the exact count
/// and the download buttons; <c>?handler=Count</c> gives the list its exact total and its export buttons.
/// </summary>
public sealed class ExportModel(ReadDbContext db, CompanyClock clock, IOptionsSnapshot<TicketExportOptions> export, IStringLocalizer<SharedResource> l, ILogger<ExportModel> logger) : PageModel
{
    public const int DefaultLimit = 100_000;

    [BindProperty(SupportsGet = true)]
    public IndexModel.Filter F { get; set; } = new();

    public int Limit { get; private set; }

    /// <summary>Matching tickets, counted up to <see cref="Limit"/> + 1.</summary>
    public int? Count { get; private set; }

    public bool TooMany => Count > Limit;

    /// <summary>Why the search was not run (a resource key).</summary>
    public string? SearchRefused { get; private set; }

    public IReadOnlyDictionary<string, string?> ListQuery => SavedViewQueries.Query(SavedViewQueries.FromFilter(F));


    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken cancellationToken)
    {
        format = format?.Trim().ToLowerInvariant();
        if (format is not (null or "" or "xlsx" or "csv"))
        {
            return BadRequest();
        }

        var parts = await CountAsync(exact: string.IsNullOrEmpty(format), cancellationToken);
        if (parts is null || TooMany || string.IsNullOrEmpty(format))
        {
            // Refused (or just asked): the page says why, with the count; no file.
            if (!string.IsNullOrEmpty(format) && (parts is null || TooMany))
            {
                Response.StatusCode = parts is null ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;
            }

            return Page();
        }

        await StreamAsync(format, parts, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>The count for the list's export buttons.</summary>
    public async Task<IActionResult> OnGetCountAsync(CancellationToken cancellationToken)
    {
        await CountAsync(exact: true, cancellationToken);
        return new JsonResult(new
        {
            count = Count,
            limit = Limit,
            tooMany = TooMany,
            text = SearchRefused is not null ? l[SearchRefused].Value
                : TooMany ? l["Export.TooMany", Limit.ToString("N0", CultureInfo.CurrentCulture)].Value
                : l["Export.Count", (Count ?? 0).ToString("N0", CultureInfo.CurrentCulture)].Value,
            xlsx = l["Export.Excel", (Count ?? 0).ToString("N0", CultureInfo.CurrentCulture)].Value,
            csv = l["Export.Csv", (Count ?? 0).ToString("N0", CultureInfo.CurrentCulture)].Value,
        });
    }

    /// <summary>
    /// Counts the matching tickets: from the database's kept counters when they answer the filter (<see cref="TicketCounts"/>),
    /// else by counting the matches — all of them when <paramref name="exact"/> (the total the list shows), or no further
    /// than the limit before an export.
    /// </summary>
    private async Task<List<TicketFilterQuery.Part>?> CountAsync(bool exact, CancellationToken cancellationToken)
    {
        Limit = export.Value.Limit;
        var q = F.Q?.Trim();
        SearchRefused = TicketFilterQuery.Refusal(q);
        if (SearchRefused is not null)
        {
            return null;
        }

        var parts = await TicketFilterQuery.PartsAsync(db, clock, F, q, cancellationToken);
        Count = await TicketCounts.FromCountersAsync(db, clock, F, cancellationToken) is { } kept
            ? (int)Math.Min(kept, int.MaxValue)
            : await TicketFilterQuery.CountAsync(db, parts, exact ? int.MaxValue : Limit + 1, cancellationToken);
        return parts;
    }

    private async Task StreamAsync(string format, List<TicketFilterQuery.Part> parts, CancellationToken cancellationToken)
    {
        string[] headers =
        [
            l["Confirm.Number"], l["Export.Created"], l["Ticket.Customer"], l["Intake.Model"], l["Intake.Kind"], l["Intake.Channel"],
            l["Intake.Urgency"], l["Tickets.Status"], l["Ticket.Warranty"], l["Intake.Fault"], l["Ticket.Technician"],
        ];
        var name = "tickets-" + clock.ToLocal(clock.UtcNow).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture) + "." + format;
        Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = name }.ToString();
        Response.Headers["X-Export-Rows"] = Count!.Value.ToString(CultureInfo.InvariantCulture);
        HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        logger.LogInformation("Ticket export {Format} of {Rows} rows by {User}", format, Count, User.Identity?.Name);

        var rows = TicketExportRows.ReadAsync(db, TicketFilterQuery.All(db, parts), cancellationToken);
        if (format == "csv")
        {
            await using var csv = new CsvStreamWriter(Response.Body);
            await csv.WriteRowAsync(headers, cancellationToken);
            await foreach (var r in rows)
            {
                await csv.WriteRowAsync(
                    [r.Number, clock.ToLocal(r.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), r.Customer, r.Model, l["Kind." + r.Kind], l["Channel." + r.Channel],
                     l["Urgency." + r.Urgency], l["Status." + r.Status], l["Warranty." + r.Warranty], l.Show(r.Fault), r.Technician],
                    cancellationToken);
            }

            return;
        }

        await using var xlsx = await XlsxStreamWriter.CreateAsync(Response.Body, l["Export.Sheet"], headers, cancellationToken);
        await foreach (var r in rows)
        {
            await xlsx.WriteRowAsync(
                [r.Number, clock.ToLocal(r.CreatedAt).DateTime, r.Customer, r.Model, l["Kind." + r.Kind].Value, l["Channel." + r.Channel].Value,
                 l["Urgency." + r.Urgency].Value, l["Status." + r.Status].Value, l["Warranty." + r.Warranty].Value, l.Show(r.Fault), r.Technician],
                cancellationToken);
        }

        await xlsx.CompleteAsync(cancellationToken);
    }
}
