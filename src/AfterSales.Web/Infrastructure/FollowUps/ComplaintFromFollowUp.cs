using AfterSales.Domain;
using AfterSales.Domain.Warranty;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Pages.Tickets;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.FollowUps;

/// <summary>
/// A customer not satisfied on the follow-up call is a complaint: a high-urgency complaint
/// ticket about the same customer and unit, linked to the repair, with the scores and the comment as its
/// description (a coded message, translated when shown). The caller adds it in the same save as the call.
/// </summary>
public static class ComplaintFromFollowUp
{
    public static async Task<Ticket> BuildAsync(AfterSalesDbContext db, FollowUp followUp, DateOnly today, DateTimeOffset now, string user, CancellationToken cancellationToken)
    {
        var repair = await db.Tickets.AsNoTracking().FirstAsync(t => t.Id == followUp.TicketId, cancellationToken);
        var model = repair.ProductModelId is { } m ? await db.ProductModels.AsNoTracking().FirstOrDefaultAsync(x => x.Id == m, cancellationToken) : null;
        var unit = repair.UnitId is { } u ? await db.Units.AsNoTracking().FirstOrDefaultAsync(x => x.Id == u, cancellationToken) : null;
        var decision = model is not null && unit is not null
            ? UnitWarranty.Decide(model, unit, today)
            : UnitWarranty.Decide(model, unit?.PurchaseDate, unit?.HasProofOfPurchase ?? false, unit?.SerialNumber, today);
        var number = await TicketNumbers.NextAsync(db, today, cancellationToken);
        return Ticket.Create(
            number,
            new TicketIntake
            {
                CustomerId = repair.CustomerId,
                UnitId = repair.UnitId,
                ProductModelId = repair.ProductModelId,
                Channel = ContactChannel.Phone,
                Kind = TicketKind.Complaint,
                Urgency = Urgency.High,
                ServiceMode = ServiceMode.OnSite,
                FaultDescription = Describe(followUp, repair.Number),
                RelatedTicketId = repair.Id,
            },
            decision,
            now,
            user);
    }

    /// <summary>
    /// The complaint's description as a coded message (<see cref="MessageCodes.FollowUpComplaint"/>: the four scores, the
    /// repair's number and the customer's words), stored as JSON and shown in the reader's language; the customer's words
    /// are cut so the stored text fits the ticket's limit.
    /// </summary>
    public static string Describe(FollowUp followUp, string repairNumber)
    {
        DomainMessage Message(string? comment) => comment is null
            ? DomainMessage.Of(MessageCodes.FollowUpComplaint, $"Not satisfied on the follow-up call ({repairNumber})", Word(followUp.Attitude), Word(followUp.Competence), Word(followUp.Speed), Word(followUp.Result), repairNumber)
            : DomainMessage.Of(MessageCodes.FollowUpComplaintComment, $"Not satisfied on the follow-up call ({repairNumber}): {comment}", Word(followUp.Attitude), Word(followUp.Competence), Word(followUp.Speed), Word(followUp.Result), repairNumber, comment);
        if (string.IsNullOrWhiteSpace(followUp.Comment))
        {
            return MessageText.Encode(Message(null));
        }

        var comment = followUp.Comment.Trim();
        var text = MessageText.Encode(Message(comment));
        while (text.Length > Ticket.FaultDescriptionMaxLength)
        {
            comment = comment[..Math.Max(0, comment.Length - (text.Length - Ticket.FaultDescriptionMaxLength) - 1)];
            text = MessageText.Encode(Message(comment));
        }

        return text;
    }

    private static DomainMessage Word(Satisfaction? score) => score is { } s && Enum.IsDefined(s)
        ? DomainMessage.Of(MessageCodes.FollowUpScore(s), s.ToString())
        : DomainMessage.Of(MessageCodes.FollowUpNoScore, "—");
}
