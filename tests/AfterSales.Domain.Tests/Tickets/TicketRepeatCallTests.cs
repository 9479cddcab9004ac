using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Tests.Tickets;

public class TicketRepeatCallTests
{
    private static Ticket WithUrgency(Urgency urgency) =>
        Ticket.Create("T20260302-0002", TicketBuilder.Intake() with { Urgency = urgency }, TicketBuilder.OutOfWarranty(), TicketBuilder.At, "desk1");

    [Fact]
    public void A_repeat_call_is_kept_and_counted_on_the_ticket()
    {
        var ticket = TicketBuilder.NewTicket();

        var recorded = ticket.RecordRepeatCall(TicketBuilder.At.AddHours(2), "desk2", "  客户催修，还是不制冷  ");

        Assert.True(recorded);
        Assert.Equal(1, ticket.RepeatCallCount);
        var call = Assert.Single(ticket.RepeatCalls);
        Assert.Equal("desk2", call.By);
        Assert.Equal("客户催修，还是不制冷", call.Note);
        Assert.Equal(TicketBuilder.At.AddHours(2), call.At);
    }

    [Theory]
    // urgency at intake, repeat calls, urgency after them
    [InlineData(Urgency.Normal, 1, Urgency.Normal)]
    [InlineData(Urgency.Normal, 2, Urgency.High)]
    [InlineData(Urgency.Normal, 3, Urgency.Emergency)]
    [InlineData(Urgency.Normal, 6, Urgency.Emergency)]
    [InlineData(Urgency.Low, 1, Urgency.Low)]
    [InlineData(Urgency.Low, 2, Urgency.Normal)]
    [InlineData(Urgency.High, 1, Urgency.High)]
    [InlineData(Urgency.High, 2, Urgency.Emergency)]
    [InlineData(Urgency.Emergency, 1, Urgency.Emergency)]
    [InlineData(Urgency.Emergency, 4, Urgency.Emergency)]
    public void Urgency_goes_up_one_level_from_the_second_repeat_call_on_and_never_past_emergency(Urgency atIntake, int calls, Urgency expected)
    {
        var ticket = WithUrgency(atIntake);

        for (var n = 0; n < calls; n++)
        {
            ticket.RecordRepeatCall(TicketBuilder.At.AddHours(n + 1), "desk1", null);
        }

        Assert.Equal(expected, ticket.Urgency);
        Assert.Equal(calls, ticket.RepeatCallCount);
    }

    [Fact]
    public void Urgency_is_never_lowered_by_repeat_calls()
    {
        var ticket = WithUrgency(Urgency.Low);
        var seen = new List<Urgency> { ticket.Urgency };
        for (var n = 0; n < 8; n++)
        {
            ticket.RecordRepeatCall(TicketBuilder.At.AddMinutes(n), "desk1", "again");
            seen.Add(ticket.Urgency);
        }

        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public void The_same_intake_form_is_counted_once()
    {
        var ticket = TicketBuilder.NewTicket();
        var form = Guid.NewGuid();

        Assert.True(ticket.RecordRepeatCall(TicketBuilder.At, "desk1", "first", form));
        Assert.False(ticket.RecordRepeatCall(TicketBuilder.At.AddSeconds(1), "desk1", "first", form));
        Assert.True(ticket.RecordRepeatCall(TicketBuilder.At.AddMinutes(5), "desk1", "second", Guid.NewGuid()));

        Assert.Equal(2, ticket.RepeatCallCount);
        Assert.Equal(2, ticket.RepeatCalls.Count);
    }

    [Theory]
    [InlineData(TicketStatus.Completed)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Cancelled)]
    [InlineData(TicketStatus.Declined)]
    public void A_ticket_that_is_no_longer_open_refuses_a_repeat_call(TicketStatus status)
    {
        var ticket = TicketBuilder.InStatus(status);
        var urgency = ticket.Urgency;

        var error = Assert.Throws<DomainException>(() => ticket.RecordRepeatCall(TicketBuilder.At, "desk1", "again"));

        Assert.Equal("ticket.repeat_call_not_open", error.Code);
        Assert.Equal(0, ticket.RepeatCallCount);
        Assert.Empty(ticket.RepeatCalls);
        Assert.Equal(urgency, ticket.Urgency);
    }

    [Theory]
    [InlineData(TicketStatus.New)]
    [InlineData(TicketStatus.Quoted)]
    [InlineData(TicketStatus.Assigned)]
    [InlineData(TicketStatus.InProgress)]
    public void Open_tickets_take_repeat_calls_whatever_step_they_are_at(TicketStatus status)
    {
        var ticket = TicketBuilder.InStatus(status);

        ticket.RecordRepeatCall(TicketBuilder.At, "desk1", null);

        Assert.Equal(1, ticket.RepeatCallCount);
        Assert.Equal(status, ticket.Status);
    }

    [Fact]
    public void An_over_long_note_is_refused_and_nothing_is_recorded()
    {
        var ticket = TicketBuilder.NewTicket();

        var error = Assert.Throws<DomainException>(() => ticket.RecordRepeatCall(TicketBuilder.At, "desk1", new string('催', Ticket.NoteMaxLength + 1)));

        Assert.Equal("field.too_long", error.Code);
        Assert.Equal(0, ticket.RepeatCallCount);
        Assert.Empty(ticket.RepeatCalls);
    }
}
