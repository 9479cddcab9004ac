using AfterSales.Domain.Discipline;
using AfterSales.Domain.Exchanges;
using AfterSales.Domain.Tests.Tickets;
using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests.Discipline;

/// <summary>Refusals the pages used to throw themselves, now said by the aggregate they belong to.</summary>
public sealed class RulesMovedFromPagesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 11, 27);

    [Fact]
    public void A_record_is_reversed_once()
    {
        var rule = new DisciplineRule("P5-37", "未按规定建立维修档案", "Repair records not kept", RuleAudience.Repair, RuleKind.Penalty, DisciplineLevel.Demerit, 0m);
        var record = DisciplineRecord.Propose("tech-1", rule, Day, "证据", [], "manager-a", At);
        record.Approve("manager-b", At);
        Assert.Equal("record.already_reversed", Assert.Throws<DomainException>(() => record.Reverse("录错", "manager-a", At, Day, alreadyReversed: true)).Code);
        Assert.Equal(RecordStatus.Proposed, record.Reverse("录错", "manager-a", At, Day, alreadyReversed: false).Status);
    }

    [Fact]
    public void A_customers_answer_needs_a_known_way_of_answering()
    {
        var ticket = TicketBuilder.InStatus(TicketStatus.Quoted);
        Assert.Equal("consent.method_invalid", Assert.Throws<DomainException>(() => ticket.RecordConsent((ConsentMethod)99, true, "desk1", At)).Code);
        Assert.Equal(TicketStatus.Quoted, ticket.Status);
        ticket.RecordConsent(ConsentMethod.Phone, true, "desk1", At);
        Assert.Equal(TicketStatus.Consented, ticket.Status);
    }

    [Fact]
    public void A_step_signed_by_someone_else_is_refused_naming_the_step()
    {
        var refusal = ExchangeRequest.WrongSigner(ExchangeStep.OfficeVerification);
        Assert.Equal("exchange.wrong_signer", refusal.Code);
        Assert.Equal(ExchangeStep.OfficeVerification, Assert.Single(refusal.Args));
    }

    [Fact]
    public void A_view_whose_filters_could_not_be_read_is_refused()
    {
        SavedView.EnsureFilterCarried(true);
        Assert.Equal("view.filter_invalid", Assert.Throws<DomainException>(() => SavedView.EnsureFilterCarried(false)).Code);
    }
}
