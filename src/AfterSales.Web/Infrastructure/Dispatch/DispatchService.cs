using AfterSales.Domain;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.Dispatch;

/// <summary>What the dispatcher asks for: a visit on a date and slot, by the suggested technician (null or the suggestion) or by someone else with a reason.</summary>
/// <param name="SeenSuggestion">The suggestion the dispatcher saw on the page; when the rotation moved on meanwhile, the dispatch is refused so nobody takes a turn twice.</param>
/// <param name="ExpectedVersion">The ticket's version the dispatcher saw; when the ticket changed meanwhile, the dispatch is refused (<c>dispatch.ticket_changed</c>).</param>
public sealed record DispatchRequest(long TicketId, DateOnly AppointmentDate, TimeSlot Slot, string? TechnicianId, string? OverrideReason, string? SeenSuggestion = null, uint? ExpectedVersion = null);

/// <summary>A ticket selected for a bulk dispatch, as the preview shows it.</summary>
/// <param name="Waiting">The ticket still waits for a visit (dispatchable, no open work order).</param>
public sealed record BulkTicket(long Id, string Number, uint Version, string Customer, string? Model, string? Skill, Urgency Urgency, TicketStatus Status, DateTimeOffset CreatedAt, bool Waiting);

/// <summary>One row of a confirmed bulk dispatch: the ticket and version the dispatcher saw, and their own choice (null: follow the rotation).</summary>
public sealed record BulkDispatchRow(long TicketId, uint Version, string? TechnicianId, string? OverrideReason);

/// <summary>What happened to one row: its work order, or why it was skipped.</summary>
public sealed record BulkDispatchOutcome(long TicketId, DispatchResult? Result, DomainException? Refusal, bool ChangedMeanwhile);

public sealed record DispatchResult(WorkOrder WorkOrder, DispatchDecision Decision);

/// <summary>A technician's state today as dispatch sees it.</summary>
public enum TechnicianStatusToday
{
    Available,
    OnLeave,
    OffDuty,
}

/// <summary>
/// Fair dispatch (Part 7 §6): builds the rotation candidates from the technicians' profiles, their leave and
/// duty rota and their open work orders, and dispatches a ticket under a row lock on the rotation pointer of
/// the job's skill, so that two dispatchers working at once never give the same turn twice.
/// </summary>
/// <remarks>
/// Pointer rule (turns equal): the pointer moves to the chosen technician's position only when the
/// dispatcher follows the suggestion. When someone else is chosen (with a reason), the pointer stays where it
/// was: the suggested technician did not get their turn and stays first in line, and the extra job the chosen
/// technician received counts against their open-job limit instead.
/// A technician counts as unavailable when a leave or off-duty entry covers today or the appointment date.
/// </remarks>
public sealed class DispatchService(AfterSalesDbContext db, WorkCalendar workCalendar, CompanyClock clock)
{
    public CompanyClock Clock => clock;

    /// <summary>The next working day after today: the default appointment date.</summary>
    public async Task<DateOnly> DefaultAppointmentDateAsync(CancellationToken cancellationToken) =>
        (await workCalendar.GetAsync(cancellationToken)).NextWorkingDay(clock.Today);

    /// <summary>The product category code of the ticket's model: the skill the job needs (null when the ticket names no model).</summary>
    public async Task<string?> RequiredSkillAsync(Ticket ticket, CancellationToken cancellationToken) =>
        ticket.ProductModelId is { } modelId
            ? await (from m in db.ProductModels
                     join c in db.ProductCategories on m.CategoryId equals c.Id
                     where m.Id == modelId
                     select c.Code).FirstOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>Every enabled technician with a profile, as the rotation sees them for an appointment on <paramref name="appointmentDate"/>.</summary>
    public async Task<IReadOnlyList<RotationCandidate>> CandidatesAsync(DateOnly appointmentDate, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var technicians = await (from p in db.TechnicianProfiles.AsNoTracking()
                                 join u in db.Users on p.TechnicianId equals u.Id
                                 where !u.IsDisabled
                                 select new { p.TechnicianId, Name = u.FullName == "" ? u.UserName! : u.FullName, p.Position, p.Skills, p.OpenJobLimit })
            .ToListAsync(cancellationToken);
        var absences = await db.Availability.AsNoTracking()
            .Where(a => (a.From <= today && today <= a.To) || (a.From <= appointmentDate && appointmentDate <= a.To))
            .Select(a => new { a.TechnicianId, a.Kind })
            .ToListAsync(cancellationToken);
        var openJobs = await OpenJobsAsync(cancellationToken);
        return [.. technicians.Select(t => new RotationCandidate(
            t.TechnicianId,
            t.Name,
            t.Position,
            t.Skills.ToHashSet(StringComparer.Ordinal),
            absences.Any(a => a.TechnicianId == t.TechnicianId && a.Kind == AvailabilityKind.Leave),
            absences.Any(a => a.TechnicianId == t.TechnicianId && a.Kind == AvailabilityKind.OffDuty),
            openJobs.GetValueOrDefault(t.TechnicianId),
            t.OpenJobLimit))];
    }

    /// <summary>Open work orders (not completed) per technician.</summary>
    public async Task<Dictionary<string, int>> OpenJobsAsync(CancellationToken cancellationToken) =>
        await db.WorkOrders.AsNoTracking()
            .Where(w => w.Status != WorkOrderStatus.Completed)
            .GroupBy(w => w.TechnicianId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

    /// <summary>The suggestion as it stands now (no lock: for showing; the dispatch recomputes it under the lock).</summary>
    public async Task<RotationSuggestion> SuggestAsync(string skill, DateOnly appointmentDate, CancellationToken cancellationToken)
    {
        var pointer = await db.RotationPointers.AsNoTracking().Where(p => p.Skill == skill).Select(p => (int?)p.LastPosition).FirstOrDefaultAsync(cancellationToken) ?? 0;
        return FairRotation.Suggest(await CandidatesAsync(appointmentDate, cancellationToken), pointer, skill);
    }

    /// <summary>
    /// In one transaction: locks the skill's rotation pointer, recomputes the suggestion, creates the work order,
    /// assigns the ticket, records the decision, moves the pointer when the suggestion was followed, saves once.
    /// </summary>
    /// <exception cref="DomainException">
    /// <c>dispatch.ticket_not_found</c>, <c>dispatch.not_dispatchable</c>, <c>dispatch.already_dispatched</c>,
    /// <c>rotation.skill_required</c>, <c>dispatch.nobody_available</c>, <c>dispatch.suggestion_changed</c>,
    /// <c>dispatch.unknown_technician</c>, <c>dispatch.date_past</c>, <c>dispatch.override_reason_required</c>,
    /// and the ticket's own refusals.
    /// </exception>
    public async Task<DispatchResult> DispatchAsync(DispatchRequest request, string by, CancellationToken cancellationToken)
    {
        DispatchRules.EnsureAppointmentNotPast(request.AppointmentDate, clock.Today);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ticket = DispatchRules.Found(await db.Tickets.FirstOrDefaultAsync(t => t.Id == request.TicketId, cancellationToken));
            var skill = DispatchRules.SkillRequired(await RequiredSkillAsync(ticket, cancellationToken));

            await db.Database.ExecuteSqlInterpolatedAsync($"insert into rotation_pointers (skill, last_position) values ({skill}, 0) on conflict (skill) do nothing", cancellationToken);
            var pointer = await db.RotationPointers.FromSqlInterpolated($"select * from rotation_pointers where skill = {skill} for update").FirstAsync(cancellationToken);

            // Under the lock: whatever another dispatcher did before is committed and visible now. Read again rather than
            // reloaded: EF Core 10 cannot reload an entity whose optional value object (the consent, a JSON complex type) is absent.
            db.Entry(ticket).State = EntityState.Detached;
            ticket = DispatchRules.Found(await db.Tickets.FirstOrDefaultAsync(t => t.Id == request.TicketId, cancellationToken));
            var hasOpenWorkOrder = WaitingVisits.IsDispatchable(ticket)
                && await db.WorkOrders.AnyAsync(w => w.TicketId == ticket.Id && w.Status != WorkOrderStatus.Completed, cancellationToken);
            DispatchRules.EnsureDispatchable(ticket, hasOpenWorkOrder, request.ExpectedVersion);

            var candidates = await CandidatesAsync(request.AppointmentDate, cancellationToken);
            var suggestion = FairRotation.Suggest(candidates, pointer.LastPosition, skill);
            var suggested = suggestion.Chosen?.TechnicianId;
            var chosen = DispatchRules.Choose(suggestion, candidates, skill, request.TechnicianId, request.SeenSuggestion, request.OverrideReason).TechnicianId;

            var now = clock.UtcNow;
            var workOrder = WorkOrder.Create(ticket.Id, chosen, request.AppointmentDate, request.Slot, now, by);
            db.WorkOrders.Add(workOrder);
            ticket.Assign(chosen, now);
            var decision = new DispatchDecision(ticket.Id, workOrder.Id, skill, suggestion, chosen, request.OverrideReason, by, now);
            db.DispatchDecisions.Add(decision);
            if (chosen == suggested)
            {
                pointer.MoveTo(suggestion.NewPointer);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new DispatchResult(workOrder, decision);
        });
    }

    /// <summary>
    /// The selected tickets in the order the queue is worked (most urgent first, then oldest), each with the skill its
    /// product needs and whether it still waits for a visit. Unknown ids are left out.
    /// </summary>
    public async Task<IReadOnlyList<BulkTicket>> BulkTicketsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var rows = await (from t in db.Tickets.AsNoTracking()
                          where ids.Contains(t.Id)
                          join c in db.Customers on t.CustomerId equals c.Id
                          from m in db.ProductModels.Where(m => m.Id == t.ProductModelId).DefaultIfEmpty()
                          from k in db.ProductCategories.Where(k => m != null && k.Id == m.CategoryId).DefaultIfEmpty()
                          select new
                          {
                              t.Id,
                              t.Number,
                              t.Version,
                              Customer = c.Name,
                              Model = m == null ? null : m.Code + " · " + m.Name,
                              Skill = k == null ? null : k.Code,
                              t.Urgency,
                              t.Status,
                              t.Kind,
                              t.ServiceMode,
                              t.CreatedAt,
                              Open = db.WorkOrders.Any(w => w.TicketId == t.Id && w.Status != WorkOrderStatus.Completed),
                          }).ToListAsync(cancellationToken);
        return [.. rows
            .Select(r => new BulkTicket(r.Id, r.Number, r.Version, r.Customer, r.Model, r.Skill, r.Urgency, r.Status, r.CreatedAt, WaitingVisits.IsWaitingForVisit(r.Status, r.Kind, r.ServiceMode, r.Open)))
            .OrderBy(r => WaitingVisits.Rank(r.Urgency)).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)];
    }

    /// <summary>The rotation applied ticket by ticket to <paramref name="choices"/>.Count tickets of <paramref name="skill"/>, as it stands now (no lock: for the preview).</summary>
    public async Task<RotationPlan> PlanAsync(string skill, DateOnly appointmentDate, IReadOnlyList<string?> choices, CancellationToken cancellationToken)
    {
        var pointer = await db.RotationPointers.AsNoTracking().Where(p => p.Skill == skill).Select(p => (int?)p.LastPosition).FirstOrDefaultAsync(cancellationToken) ?? 0;
        return SequentialRotation.Plan(await CandidatesAsync(appointmentDate, cancellationToken), pointer, skill, choices);
    }

    /// <summary>
    /// Dispatches the rows one after the other, each in its own transaction under the rotation lock (so the rotation
    /// moves on between rows exactly as in the preview, and a refused row leaves nothing behind). A row the dispatcher
    /// left on the suggestion follows the rotation as it stands at that moment; a row with their own choice sends that
    /// technician with the reason. A ticket changed, dispatched or no longer waiting since the preview is skipped.
    /// </summary>
    public async Task<IReadOnlyList<BulkDispatchOutcome>> DispatchManyAsync(IReadOnlyList<BulkDispatchRow> rows, DateOnly appointmentDate, TimeSlot slot, string by, CancellationToken cancellationToken)
    {
        var outcomes = new List<BulkDispatchOutcome>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                var result = await DispatchAsync(new DispatchRequest(row.TicketId, appointmentDate, slot, row.TechnicianId, row.OverrideReason, null, row.Version), by, cancellationToken);
                outcomes.Add(new BulkDispatchOutcome(row.TicketId, result, null, false));
            }
            catch (DomainException refusal)
            {
                outcomes.Add(new BulkDispatchOutcome(row.TicketId, null, refusal, false));
            }
            catch (DbUpdateConcurrencyException)
            {
                outcomes.Add(new BulkDispatchOutcome(row.TicketId, null, null, true));
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return outcomes;
    }
}
