using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests.Tickets;

/// <summary>
/// <see cref="Ticket.EnsureWorkStarted"/>: before parts, hours or a result are recorded on a work order, its ticket is in
/// progress, handed back to the technician when it went back for a quote, behind the consent gate.
/// </summary>
public sealed class TicketWorkStartTests
{
    private static readonly DateTimeOffset Later = TicketBuilder.At.AddHours(3);

    [Fact]
    public void A_ticket_in_progress_is_left_as_it_is()
    {
        var ticket = TicketBuilder.InStatus(TicketStatus.InProgress);
        var started = ticket.StartedAt;
        ticket.EnsureWorkStarted("tech2", Later);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(started, ticket.StartedAt);
        Assert.Equal("tech1", ticket.AssignedTechnicianId);
    }

    [Fact]
    public void An_assigned_ticket_with_the_customers_accepted_quote_starts_now()
    {
        var ticket = TicketBuilder.InStatus(TicketStatus.Assigned);
        ticket.EnsureWorkStarted("tech1", Later);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(Later, ticket.StartedAt);
    }

    [Fact]
    public void An_assigned_repair_in_warranty_starts_without_any_quote()
    {
        var ticket = TicketBuilder.NewTicket(TicketBuilder.InWarranty());
        ticket.Assign("tech1", TicketBuilder.At);
        ticket.EnsureWorkStarted("tech1", Later);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
    }

    [Fact]
    public void A_ticket_that_went_back_for_a_quote_and_was_accepted_is_handed_back_to_the_work_orders_technician_first()
    {
        var ticket = TicketBuilder.InStatus(TicketStatus.Consented);
        ticket.EnsureWorkStarted("tech7", Later);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal("tech7", ticket.AssignedTechnicianId);
        Assert.Equal(Later, ticket.AssignedAt);
    }

    [Fact]
    public void A_ticket_back_in_warranty_after_human_damage_was_withdrawn_is_handed_back_and_started()
    {
        var ticket = TicketBuilder.InStatus(TicketStatus.Quoted);
        ticket.RedecideWarranty(TicketBuilder.InWarranty());
        Assert.Equal(TicketStatus.New, ticket.Status);
        ticket.EnsureWorkStarted("tech1", Later);
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
    }

    [Theory]
    [InlineData(TicketStatus.New)]
    [InlineData(TicketStatus.AwaitingQuote)]
    [InlineData(TicketStatus.Quoted)]
    public void A_chargeable_repair_without_an_accepted_quote_is_refused_by_the_consent_gate(TicketStatus status)
    {
        var ticket = TicketBuilder.InStatus(status);
        Assert.Equal("ticket.consent_required", Assert.Throws<DomainException>(() => ticket.EnsureWorkStarted("tech1", Later)).Code);
        Assert.Null(ticket.StartedAt);
    }

    [Theory]
    [InlineData(TicketStatus.Completed)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Declined)]
    [InlineData(TicketStatus.Cancelled)]
    public void A_completed_or_final_ticket_cannot_be_worked_on_again(TicketStatus status)
    {
        var ticket = TicketBuilder.InStatus(status);
        Assert.Equal("ticket.illegal_transition", Assert.Throws<DomainException>(() => ticket.EnsureWorkStarted("tech1", Later)).Code);
        Assert.Equal(status, ticket.Status);
    }
}
