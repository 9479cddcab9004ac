using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Tests.Tickets.TicketBuilder;

namespace AfterSales.Domain.Tests.Tickets;

public class TicketCreationTests
{
    [Fact]
    public void New_ticket_records_the_intake()
    {
        var ticket = Ticket.Create(" T20260302-0001 ", Intake() with { EstimatedAmount = 299.999m }, OutOfWarranty(), At.ToOffset(TimeSpan.FromHours(8)), "desk1");

        Assert.Equal(TicketStatus.New, ticket.Status);
        Assert.Equal("T20260302-0001", ticket.Number);
        Assert.Equal(7, ticket.CustomerId);
        Assert.Equal(11, ticket.UnitId);
        Assert.Equal(3, ticket.ProductModelId);
        Assert.Equal(ContactChannel.Phone, ticket.Channel);
        Assert.Equal(TicketKind.Repair, ticket.Kind);
        Assert.Equal(Urgency.High, ticket.Urgency);
        Assert.Equal(ServiceMode.OnSite, ticket.ServiceMode);
        Assert.Equal("空调不制冷 / no cooling", ticket.FaultDescription);
        Assert.Equal("周六上午", ticket.PreferredTime);
        Assert.Equal(300.00m, ticket.EstimatedAmount);
        Assert.Equal(At, ticket.CreatedAt);
        Assert.Equal(TimeSpan.Zero, ticket.CreatedAt.Offset);
        Assert.Equal("desk1", ticket.CreatedBy);
        Assert.Null(ticket.Consent);
        Assert.Empty(ticket.QuoteLines);
        Assert.Null(ticket.AssignedTechnicianId);
    }

    [Fact]
    public void Ticket_needs_a_customer() =>
        Assert.Equal(
            "ticket.customer_required",
            Assert.Throws<DomainException>(() => Ticket.Create("T1", Intake() with { CustomerId = 0 }, InWarranty(), At, "desk1")).Code);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Ticket_needs_a_fault_description(string description) =>
        Assert.Equal(
            "field.required",
            Assert.Throws<DomainException>(() => Ticket.Create("T1", Intake() with { FaultDescription = description }, InWarranty(), At, "desk1")).Code);

    [Fact]
    public void Ticket_needs_a_number() =>
        Assert.Equal("field.required", Assert.Throws<DomainException>(() => Ticket.Create(" ", Intake(), InWarranty(), At, "desk1")).Code);

    [Fact]
    public void Oversized_fault_description_is_refused() =>
        Assert.Equal(
            "field.too_long",
            Assert.Throws<DomainException>(() => Ticket.Create("T1", Intake() with { FaultDescription = new string('故', 2001) }, InWarranty(), At, "desk1")).Code);

    [Fact]
    public void Negative_estimate_is_refused() =>
        Assert.Equal(
            "ticket.estimate_negative",
            Assert.Throws<DomainException>(() => Ticket.Create("T1", Intake() with { EstimatedAmount = -1m }, InWarranty(), At, "desk1")).Code);

    [Fact]
    public void Unknown_channel_is_refused() =>
        Assert.Equal(
            "field.invalid",
            Assert.Throws<DomainException>(() => Ticket.Create("T1", Intake() with { Channel = (ContactChannel)99 }, InWarranty(), At, "desk1")).Code);

    [Fact]
    public void Blank_preferred_time_and_missing_estimate_are_none()
    {
        var ticket = Ticket.Create("T1", Intake() with { PreferredTime = "  ", EstimatedAmount = null }, InWarranty(), At, "desk1");

        Assert.Null(ticket.PreferredTime);
        Assert.Null(ticket.EstimatedAmount);
    }
}
