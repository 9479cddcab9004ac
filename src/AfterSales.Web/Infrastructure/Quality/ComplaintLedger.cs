using System.Globalization;
using AfterSales.Domain;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.Quality;

/// <summary>
/// The complaint ledger's write side shared by the screens that open complaint tickets (intake, follow-up
/// calls): the ledger row is added beside the ticket, in the caller's save. Also the class proposals: each
/// unclassified complaint is compared with the complaints before it (same model and fault category; a batch is
/// the first six characters of the serial number). Proposals are worked out when a complaint is recorded and by
/// the daily scan for any complaint that has none; reading the ledger never writes.
/// </summary>
public static class ComplaintLedger
{
    public const int BatchPrefixLength = 6;

    /// <summary>Adds the ledger row of a complaint ticket that has just been added (its id comes from the HiLo sequence); the handler is the user recording it.</summary>
    /// <remarks>The new complaint's class proposal is worked out in the same save.</remarks>
    public static async Task<Complaint> RecordAsync(AfterSalesDbContext db, Ticket ticket, ComplaintSource source, string? faultCategory, string? customerWants, string userName, DateTimeOffset at, ClassificationSettings settings, CompanyClock clock, CancellationToken cancellationToken)
    {
        var handler = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync(cancellationToken);
        var complaint = Complaint.Record(
            ticket.Id,
            source,
            ticket.Channel,
            ticket.CustomerId,
            ticket.UnitId,
            ticket.ProductModelId,
            ticket.RelatedTicketId,
            string.IsNullOrWhiteSpace(faultCategory) ? null : faultCategory.Trim(),
            ticket.FaultDescription,
            customerWants,
            handler,
            userName,
            at);
        db.Complaints.Add(complaint);

        // Only the new complaint's proposal: the advisor looks back, so earlier complaints keep theirs, and
        // rewriting them here would race with other desks recording complaints about the same model.
        await ProposeAsync(db, [complaint], settings, clock, cancellationToken);
        return complaint;
    }

    /// <summary>Works out and saves the proposals of unclassified complaints that have none (e.g. loaded in bulk), oldest first, in batches.</summary>
    public static async Task<int> ProposeMissingAsync(AfterSalesDbContext db, ClassificationSettings settings, CompanyClock clock, CancellationToken cancellationToken)
    {
        const int Batch = 500;
        var done = 0;
        while (true)
        {
            var missing = await db.Complaints.Where(c => c.Class == null && c.ProposedClass == null)
                .OrderBy(c => c.RecordedAt).ThenBy(c => c.Id).Take(Batch).ToListAsync(cancellationToken);
            if (missing.Count == 0)
            {
                return done;
            }

            await ProposeAsync(db, missing, settings, clock, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                done += missing.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone classified one of them meanwhile: read the batch again.
            }

            db.ChangeTracker.Clear();
        }
    }

    public static string? BatchOf(string? serial) =>
        string.IsNullOrWhiteSpace(serial) ? null : serial.Length <= BatchPrefixLength ? serial : serial[..BatchPrefixLength];

    /// <summary>
    /// Computes and sets (SetProposal, not saved here) the proposal of each given complaint against the saved
    /// complaints of the surrounding window.
    /// </summary>
    public static async Task ProposeAsync(AfterSalesDbContext db, IReadOnlyCollection<Complaint> complaints, ClassificationSettings settings, CompanyClock clock, CancellationToken cancellationToken)
    {
        if (complaints.Count == 0)
        {
            return;
        }

        var span = Math.Max(settings.RecurringDays, settings.BatchWindowDays) + 1;
        var since = complaints.Min(c => c.RecordedAt).AddDays(-span);
        var until = complaints.Max(c => c.RecordedAt).AddDays(1);
        var models = complaints.Select(c => c.ProductModelId).OfType<long>().Distinct().ToList();
        var rows = await (from c in db.Complaints.AsNoTracking()
                          join t in db.Tickets on c.TicketId equals t.Id
                          join u in db.Units on c.UnitId equals (long?)u.Id into units
                          from u in units.DefaultIfEmpty()
                          where c.ProductModelId != null && models.Contains(c.ProductModelId.Value) && c.RecordedAt >= since && c.RecordedAt < until
                          select new { c.Id, c.ProductModelId, c.FaultCategory, Serial = u == null ? null : u.SerialNumber, c.RecordedAt, t.Number }).ToListAsync(cancellationToken);
        var serials = complaints.Where(c => c.UnitId is not null).Select(c => c.UnitId!.Value).Distinct().ToList();
        var unitSerials = await db.Units.AsNoTracking().Where(u => serials.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.SerialNumber, cancellationToken);
        foreach (var unit in db.Units.Local.Where(u => serials.Contains(u.Id)))
        {
            unitSerials[unit.Id] = unit.SerialNumber;
        }

        // The complaint being recorded is not in the database yet; the advisor compares it with those before it.
        var facts = rows.Select(r => new ComplaintFact(r.Id, r.ProductModelId, r.FaultCategory, BatchOf(r.Serial), Day(clock, r.RecordedAt), false)).ToList();
        var numbers = rows.ToDictionary(r => r.Id, r => r.Number);
        foreach (var complaint in complaints)
        {
            string? batch = null;
            if (complaint.UnitId is { } unitId && unitSerials.TryGetValue(unitId, out var serial))
            {
                batch = BatchOf(serial);
            }

            var fact = new ComplaintFact(complaint.Id, complaint.ProductModelId, complaint.FaultCategory, batch, Day(clock, complaint.RecordedAt), false);
            var proposal = ClassificationAdvisor.Propose(fact, facts, settings);
            complaint.SetProposal(proposal.Class, MessageText.Encode(Evidence(proposal, complaint, fact, settings, numbers)));
        }
    }

    public static DateOnly Day(CompanyClock clock, DateTimeOffset at) => DateOnly.FromDateTime(clock.ToLocal(at).DateTime);

    /// <summary>The evidence as a coded message (kept as JSON, shown in the reader's language), naming the earlier complaints by ticket number.</summary>
    private static DomainMessage Evidence(ClassificationProposal proposal, Complaint complaint, ComplaintFact fact, ClassificationSettings settings, Dictionary<long, string> numbers)
    {
        // Name at most ten related tickets; a big cluster is summarised by its count.
        const int Named = 10;
        var named = proposal.RelatedComplaintIds.Take(Named).Select(id => numbers.GetValueOrDefault(id, "#" + id.ToString(CultureInfo.InvariantCulture))).ToList();
        object related = proposal.RelatedComplaintIds.Count > Named
            ? DomainMessage.Of(MessageCodes.EvidenceRelatedMore, $"{string.Join(", ", named)} and others, {proposal.RelatedComplaintIds.Count} in all", named, proposal.RelatedComplaintIds.Count)
            : named;
        var fault = complaint.FaultCategory ?? "";
        return proposal.Class switch
        {
            QualityClass.BatchProblem when fact.Batch is { } lot => DomainMessage.Of(
                MessageCodes.EvidenceBatchLot, proposal.Evidence.Text, settings.BatchWindowDays, fault, proposal.RelatedComplaintIds.Count + 1, settings.BatchSize, related, lot),
            QualityClass.BatchProblem => DomainMessage.Of(
                MessageCodes.EvidenceBatch, proposal.Evidence.Text, settings.BatchWindowDays, fault, proposal.RelatedComplaintIds.Count + 1, settings.BatchSize, related),
            QualityClass.RecurringProblem when proposal.PossibleBatch => DomainMessage.Of(
                MessageCodes.EvidencePossibleBatch, proposal.Evidence.Text, settings.BatchWindowDays, fault, proposal.RelatedComplaintIds.Count + 1, settings.BatchSize, related,
                proposal.Evidence.Args[^1]),
            QualityClass.RecurringProblem => DomainMessage.Of(
                MessageCodes.EvidenceRecurring, proposal.Evidence.Text, settings.RecurringDays, fault, proposal.RelatedComplaintIds.Count, related),
            _ => proposal.Evidence,
        };
    }
}
