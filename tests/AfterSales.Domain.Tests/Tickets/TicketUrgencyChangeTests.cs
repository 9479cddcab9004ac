using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests.Tickets;

public class TicketUrgencyChangeTests
{
    [Theory]
    [InlineData(Urgency.Low)]
    [InlineData(Urgency.Emergency)]
    public void An_open_ticket_changes_urgency_up_or_down_with_a_reason(Urgency to)
    {
        var ticket = TicketBuilder.NewTicket();

        var change = ticket.ChangeUrgency(to, "  客户家中有老人  ");

        Assert.Equal(to, ticket.Urgency);
        Assert.Equal(new UrgencyChange(Urgency.High, to, "客户家中有老人"), change);
    }

    [Theory]
    [InlineData(null, "field.required")]
    [InlineData("   ", "field.required")]
    public void A_change_without_a_reason_is_refused(string? reason, string code)
    {
        var ticket = TicketBuilder.NewTicket();
        var error = Assert.Throws<DomainException>(() => ticket.ChangeUrgency(Urgency.Low, reason));
        Assert.Equal(code, error.Code);
        Assert.Equal(Urgency.High, ticket.Urgency);
    }

    [Fact]
    public void An_over_long_reason_is_refused()
    {
        var ticket = TicketBuilder.NewTicket();
        var error = Assert.Throws<DomainException>(() => ticket.ChangeUrgency(Urgency.Low, new string('x', Ticket.ReasonMaxLength + 1)));
        Assert.Equal("field.too_long", error.Code);
    }

    [Fact]
    public void The_same_urgency_is_not_a_change()
    {
        var error = Assert.Throws<DomainException>(() => TicketBuilder.NewTicket().ChangeUrgency(Urgency.High, "again"));
        Assert.Equal("ticket.urgency_unchanged", error.Code);
    }

    [Fact]
    public void An_unknown_urgency_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => TicketBuilder.NewTicket().ChangeUrgency((Urgency)42, "why"));
        Assert.Equal("field.invalid", error.Code);
    }

    [Theory]
    [InlineData(TicketStatus.Cancelled)]
    [InlineData(TicketStatus.Declined)]
    [InlineData(TicketStatus.Completed)]
    [InlineData(TicketStatus.Closed)]
    public void A_ticket_no_longer_open_keeps_its_urgency(TicketStatus status)
    {
        var ticket = TicketBuilder.InStatus(status);
        var error = Assert.Throws<DomainException>(() => ticket.ChangeUrgency(Urgency.Low, "late"));
        Assert.Equal("ticket.urgency_not_open", error.Code);
        Assert.Equal(Urgency.High, ticket.Urgency);
    }
}
