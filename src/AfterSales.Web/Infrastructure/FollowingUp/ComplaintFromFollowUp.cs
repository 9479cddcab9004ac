using AfterSales.Domain.Warranty;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Pages.Tickets;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.FollowingUp;

/// <summary>
/// A customer not satisfied on the follow-up call is a complaint: a high-urgency complaint
/// ticket about the same customer and unit, linked to the repair, with the scores and the comment as its
/// description. The caller adds it in the same save as the call.
/// </summary>
public static class ComplaintFromFollowUp
{
    public const string Prefix = "回访不满意：";

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

    /// <summary>"回访不满意：服务态度 差，技术水平 良，维修速度 良，维修结果 中（维修单 SR-…）。客户意见：…", cut to the ticket's limit.</summary>
    public static string Describe(FollowUp followUp, string repairNumber)
    {
        var text = Prefix
            + $"服务态度 {Word(followUp.Attitude)}，技术水平 {Word(followUp.Competence)}，维修速度 {Word(followUp.Speed)}，维修结果 {Word(followUp.Result)}（{repairNumber}）。"
            + (followUp.Comment is { } comment ? "客户意见：" + comment : "");
        return text.Length > Ticket.FaultDescriptionMaxLength ? text[..Ticket.FaultDescriptionMaxLength] : text;
    }

    private static string Word(Satisfaction? score) => score switch
    {
        Satisfaction.Excellent => "优",
        Satisfaction.Good => "良",
        Satisfaction.Average => "中",
        Satisfaction.Poor => "差",
        _ => "—",
    };
}
