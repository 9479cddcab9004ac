using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Tests.Tickets;

namespace AfterSales.Domain.Tests.Dispatch;

public sealed class DispatchableTicketsTests
{
    [Theory]
    [InlineData(TicketStatus.New, true)]
    [InlineData(TicketStatus.AwaitingQuote, true)]
    [InlineData(TicketStatus.Quoted, true)]
    [InlineData(TicketStatus.Consented, true)]
    [InlineData(TicketStatus.Assigned, false)]
    [InlineData(TicketStatus.InProgress, false)]
    [InlineData(TicketStatus.Cancelled, false)]
    public void A_ticket_can_be_dispatched_only_in_a_dispatchable_state(TicketStatus status, bool dispatchable)
    {
        var ticket = TicketBuilder.InStatus(status);
        Assert.Equal(dispatchable, WaitingVisits.IsDispatchable(ticket));
        Assert.Equal(dispatchable, WaitingVisits.Dispatchable.Compile()(ticket));
        Assert.Equal(dispatchable, WaitingVisits.IsWaitingForVisit(ticket.Status, ticket.Kind, ticket.ServiceMode, hasOpenWorkOrder: false));
    }

    [Theory]
    [InlineData(TicketKind.Repair, ServiceMode.OnSite, true)]
    [InlineData(TicketKind.Installation, ServiceMode.BringIn, true)]
    [InlineData(TicketKind.Exchange, ServiceMode.OnSite, true)]
    [InlineData(TicketKind.Complaint, ServiceMode.OnSite, true)]
    [InlineData(TicketKind.Repair, ServiceMode.PhoneFix, false)]
    [InlineData(TicketKind.Consultation, ServiceMode.OnSite, false)]
    public void A_ticket_needs_a_visit_kind_and_not_a_fix_on_the_phone(TicketKind kind, ServiceMode mode, bool dispatchable)
    {
        var intake = TicketBuilder.Intake(kind) with { ServiceMode = mode };
        var ticket = Ticket.Create("T20260302-0001", intake, TicketBuilder.OutOfWarranty(), TicketBuilder.At, "desk1");
        var query = new[] { ticket }.AsQueryable().Where(WaitingVisits.Dispatchable);
        Assert.Equal((dispatchable, TicketStatus.New), (WaitingVisits.IsDispatchable(ticket), ticket.Status));
        Assert.Equal(WaitingVisits.IsDispatchable(ticket), query.Any());
    }

    [Fact]
    public void An_open_work_order_means_the_ticket_is_not_waiting_any_more()
    {
        var ticket = TicketBuilder.NewTicket();
        Assert.True(WaitingVisits.IsDispatchable(ticket));
        Assert.False(WaitingVisits.IsWaitingForVisit(ticket.Status, ticket.Kind, ticket.ServiceMode, hasOpenWorkOrder: true));
    }
}
