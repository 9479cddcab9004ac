using System.Globalization;
using AfterSales.Domain;
using AfterSales.Domain.Dispatch;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>
/// Confirming a bulk dispatch on <c>/Dispatch/Bulk</c>: the rows must be of one product family, and every row where the
/// dispatcher sent someone other than the suggestion needs a reason (a technician at their open-job limit always does),
/// checked for all rows before any is sent; then each row is dispatched on its own (<see cref="DispatchService.DispatchManyAsync"/>)
/// and what happened to it is told in the reader's language. One result per ticket, not one aggregate: this is not the
/// shared change path.
/// </summary>
public sealed class ConfirmBulkDispatch(AfterSalesDbContext db, DispatchService service, IStringLocalizer<SharedResource> l)
{
    /// <summary>What happened to one row after confirming.</summary>
    public sealed record ResultRow(long TicketId, string Number, bool Assigned, string Text, long? WorkOrderId);

    /// <summary>The one product family of the tickets, or why they cannot go together (in the reader's language).</summary>
    public static (string? Skill, string? Refusal) SkillOf(IReadOnlyList<BulkTicket> tickets, IReadOnlyList<CategoryName> categories, IStringLocalizer<SharedResource> l)
    {
        try
        {
            return (SequentialRotation.SingleSkill([.. tickets.Select(t => t.Skill)]), null);
        }
        catch (DomainException error)
        {
            return (null, BulkPreview.Translate(error, categories, l));
        }
    }

    /// <summary>The rows whose reason is missing, by row index, each with its message.</summary>
    public async Task<Dictionary<int, string>> MissingReasonsAsync(string skill, BulkDispatchForm.Command input, CancellationToken cancellationToken)
    {
        var rows = input.Rows;
        var plan = await PlanOrNullAsync(skill, input, cancellationToken);
        var missing = new Dictionary<int, string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!row.IsOverride || !string.IsNullOrWhiteSpace(row.Reason))
            {
                continue;
            }

            var chosen = plan?.Turns[i].Chosen;
            missing[i] = chosen is not null && plan!.Turns[i].ChosenAtLimit
                ? l["Domain.dispatch.at_limit_reason_required", chosen.Name, chosen.OpenJobs, chosen.OpenJobLimit]
                : l["Domain.dispatch.override_reason_required"];
        }

        return missing;
    }

    /// <summary>Dispatches each row on its own and tells what happened to it (sent to whom, or skipped and why).</summary>
    public async Task<IReadOnlyList<ResultRow>> DispatchAsync(BulkDispatchForm.Command input, IReadOnlyList<BulkTicket> tickets, IReadOnlyList<CategoryName> categories, string by, CancellationToken cancellationToken)
    {
        var rows = input.Rows;
        var outcomes = await service.DispatchManyAsync(
            [.. rows.Select(r => new BulkDispatchRow(r.TicketId, r.Version, r.IsOverride ? r.TechnicianId : null, r.IsOverride ? r.Reason : null))],
            input.AppointmentDate!.Value,
            input.Slot,
            by,
            cancellationToken);
        var byId = tickets.ToDictionary(t => t.Id);
        var technicianIds = outcomes.Select(o => o.Result?.WorkOrder.TechnicianId).Concat(rows.Select(r => r.Suggested)).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => technicianIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.FullName.Length > 0 ? u.FullName + " (" + u.UserName + ")" : u.UserName ?? u.Id, cancellationToken);
        return [.. outcomes.Select((o, i) =>
        {
            var number = byId.TryGetValue(o.TicketId, out var t) ? t.Number : o.TicketId.ToString(CultureInfo.InvariantCulture);
            if (o.Result is { } result)
            {
                var who = names.GetValueOrDefault(result.WorkOrder.TechnicianId, result.WorkOrder.TechnicianId);
                var text = (string)l["BulkDispatch.AssignedTo", who];
                var previewed = rows[i].IsOverride ? rows[i].TechnicianId : rows[i].Suggested;
                if (previewed is not null && previewed != result.WorkOrder.TechnicianId)
                {
                    text += " · " + l["BulkDispatch.RotationMoved", names.GetValueOrDefault(previewed, previewed)];
                }

                return new ResultRow(o.TicketId, number, true, text, result.WorkOrder.Id);
            }

            var why = o.ChangedMeanwhile ? (string)l["BulkDispatch.ChangedMeanwhile"] : BulkPreview.Translate(o.Refusal!, categories, l);
            return new ResultRow(o.TicketId, number, false, l["BulkDispatch.SkippedBecause", why], null);
        })];
    }

    private async Task<RotationPlan?> PlanOrNullAsync(string skill, BulkDispatchForm.Command input, CancellationToken cancellationToken)
    {
        try
        {
            return await service.PlanAsync(skill, input.AppointmentDate!.Value, [.. input.Rows.Select(r => r.TechnicianId)], cancellationToken);
        }
        catch (DomainException)
        {
            return null;
        }
    }
}
