using AfterSales.Domain.Tickets;
using static AfterSales.Domain.Tests.Tickets.TicketBuilder;
using S = AfterSales.Domain.Tickets.TicketStatus;

namespace AfterSales.Domain.Tests.Tickets;

public class TicketStateMachineTests
{
    /// <summary>The state machine as the product owner reads it; the code's table must say exactly this.</summary>
    private static readonly (S From, S To)[] Expected =
    [
        (S.New, S.AwaitingQuote), (S.New, S.Quoted), (S.New, S.Assigned), (S.New, S.Closed), (S.New, S.Cancelled),
        (S.AwaitingQuote, S.Quoted), (S.AwaitingQuote, S.Assigned), (S.AwaitingQuote, S.New), (S.AwaitingQuote, S.Cancelled),
        (S.Quoted, S.Quoted), (S.Quoted, S.Consented), (S.Quoted, S.Declined), (S.Quoted, S.Assigned), (S.Quoted, S.New), (S.Quoted, S.Cancelled),
        (S.Consented, S.Quoted), (S.Consented, S.Assigned), (S.Consented, S.Declined), (S.Consented, S.New), (S.Consented, S.Cancelled),
        (S.Assigned, S.Assigned), (S.Assigned, S.InProgress), (S.Assigned, S.Declined), (S.Assigned, S.Cancelled),
        (S.InProgress, S.Completed), (S.InProgress, S.AwaitingQuote), (S.InProgress, S.Cancelled),
        (S.Completed, S.Closed),
    ];

    public static TheoryData<S, S, bool> AllPairs()
    {
        var data = new TheoryData<S, S, bool>();
        foreach (var from in Enum.GetValues<S>())
        {
            foreach (var to in Enum.GetValues<S>())
            {
                data.Add(from, to, Expected.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Transition_table_allows_exactly_the_documented_moves(S from, S to, bool allowed) =>
        Assert.Equal(allowed, TicketTransitions.IsAllowed(from, to));

    [Theory]
    [InlineData(S.Closed)]
    [InlineData(S.Declined)]
    [InlineData(S.Cancelled)]
    public void Closed_declined_and_cancelled_are_final(S status)
    {
        Assert.True(TicketTransitions.IsFinal(status));
        Assert.True(InStatus(status).IsFinal);
    }

    private static readonly Dictionary<string, (Func<S, S> Target, Action<Ticket> Act)> Actions = new()
    {
        ["CloseWithAnswer"] = (_ => S.Closed, t => t.CloseWithAnswer("answer", At, "desk1")),
        ["RequestQuote"] = (_ => S.AwaitingQuote, t => t.RequestQuote()),
        ["RecordQuote"] = (s => s == S.Assigned ? S.Assigned : S.Quoted, t => t.RecordQuote(AQuote(), At, "desk1")),
        ["AcceptQuote"] = (s => s == S.Assigned ? S.Assigned : S.Consented, t => t.RecordConsent(ConsentMethod.Phone, true, "desk1", At)),
        ["DeclineQuote"] = (_ => S.Declined, t => t.RecordConsent(ConsentMethod.Phone, false, "desk1", At)),
        ["Assign"] = (_ => S.Assigned, t => t.Assign("tech2", At)),
        ["StartWork"] = (_ => S.InProgress, t => t.StartWork(At)),
        ["Complete"] = (_ => S.Completed, t => t.Complete(At)),
        ["Close"] = (_ => S.Closed, t => t.Close(At)),
        ["Cancel"] = (_ => S.Cancelled, t => t.Cancel("no longer needed", At)),
    };

    public static TheoryData<S, string> IllegalMoves()
    {
        var data = new TheoryData<S, string>();
        foreach (var status in Enum.GetValues<S>())
        {
            foreach (var (name, action) in Actions)
            {
                if (!TicketTransitions.IsAllowed(status, action.Target(status)))
                {
                    data.Add(status, name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Every_move_outside_the_table_is_refused_and_changes_nothing(S status, string action)
    {
        var ticket = InStatus(status);
        var (target, act) = Actions[action];

        var error = Assert.Throws<DomainException>(() => act(ticket));

        Assert.Equal("ticket.illegal_transition", error.Code);
        Assert.Equal([status, target(status)], error.Args);
        Assert.Equal(status, ticket.Status);
    }

    [Fact]
    public void Consultation_is_answered_and_closed_at_once()
    {
        var ticket = NewTicket(Undetermined(), TicketKind.Consultation);

        ticket.CloseWithAnswer("Clean the filter every month.", At.AddMinutes(5), "desk1");

        Assert.Equal(S.Closed, ticket.Status);
        Assert.Equal("Clean the filter every month.", ticket.Resolution);
        Assert.Equal("desk1", ticket.ResolvedBy);
        Assert.Equal(At.AddMinutes(5), ticket.ClosedAt);
        Assert.Equal(0m, ticket.ChargeToCustomer);
    }

    [Fact]
    public void Only_a_consultation_is_closed_with_an_answer()
    {
        var ticket = NewTicket();

        Assert.Equal("ticket.not_consultation", Assert.Throws<DomainException>(() => ticket.CloseWithAnswer("x", At, "desk1")).Code);
        Assert.Equal(S.New, ticket.Status);
    }

    [Fact]
    public void A_new_ticket_cannot_be_closed_without_work_or_an_answer() =>
        Assert.Equal("ticket.answer_required", Assert.Throws<DomainException>(() => NewTicket().Close(At)).Code);

    [Fact]
    public void A_consultation_already_assigned_is_not_closed_with_an_answer()
    {
        var ticket = NewTicket(InWarranty(), TicketKind.Consultation);
        ticket.Assign("tech1", At);

        Assert.Equal("ticket.illegal_transition", Assert.Throws<DomainException>(() => ticket.CloseWithAnswer("x", At, "desk1")).Code);
    }

    [Fact]
    public void In_warranty_repair_goes_straight_to_a_technician_and_costs_nothing()
    {
        var ticket = NewTicket(InWarranty());

        ticket.Assign("tech1", At.AddHours(1));
        ticket.StartWork(At.AddHours(3));
        ticket.Complete(At.AddHours(4));
        ticket.Close(At.AddHours(5));

        Assert.Equal(S.Closed, ticket.Status);
        Assert.Equal("tech1", ticket.AssignedTechnicianId);
        Assert.Equal(At.AddHours(1), ticket.AssignedAt);
        Assert.Equal(At.AddHours(3), ticket.StartedAt);
        Assert.Equal(At.AddHours(4), ticket.CompletedAt);
        Assert.Equal(At.AddHours(5), ticket.ClosedAt);
        Assert.Equal(0m, ticket.ChargeToCustomer);
    }

    [Fact]
    public void Out_of_warranty_repair_is_quoted_accepted_dispatched_worked_and_charged()
    {
        var ticket = NewTicket(OutOfWarranty());

        ticket.RequestQuote();
        Assert.Equal(S.AwaitingQuote, ticket.Status);
        ticket.RecordQuote(AQuote(), At, "desk1");
        Assert.Equal(S.Quoted, ticket.Status);
        Assert.Equal(0m, ticket.ChargeToCustomer); // nothing agreed yet
        ticket.RecordConsent(ConsentMethod.Phone, true, "desk1", At.AddHours(1), "agreed on the phone");
        Assert.Equal(S.Consented, ticket.Status);
        ticket.Assign("tech1", At);
        ticket.StartWork(At);
        ticket.Complete(At);
        ticket.Close(At);

        Assert.Equal(S.Closed, ticket.Status);
        Assert.Equal(406.5m, ticket.QuoteTotal);
        Assert.Equal(406.5m, ticket.ChargeToCustomer);
        Assert.Equal(2, ticket.QuoteLines.Count);
        Assert.Equal(new Consent(ConsentMethod.Phone, true, "desk1", At.AddHours(1), "agreed on the phone", 406.5m), ticket.Consent);
    }

    [Fact]
    public void Desk_can_quote_a_new_ticket_directly()
    {
        var ticket = NewTicket();

        ticket.RecordQuote(AQuote(), At, "desk1");

        Assert.Equal(S.Quoted, ticket.Status);
        Assert.Equal("desk1", ticket.QuotedBy);
        Assert.Equal(At, ticket.QuotedAt);
    }

    [Fact]
    public void Technician_can_quote_on_site_and_start_once_the_customer_signs()
    {
        var ticket = NewTicket();
        ticket.RequestQuote();
        ticket.Assign("tech1", At);

        ticket.RecordQuote(AQuote(), At, "tech1");
        Assert.Equal(S.Assigned, ticket.Status);
        Assert.Equal("ticket.consent_required", Assert.Throws<DomainException>(() => ticket.StartWork(At)).Code);
        ticket.RecordConsent(ConsentMethod.OnSiteSignature, true, "tech1", At);
        Assert.Equal(S.Assigned, ticket.Status);
        ticket.StartWork(At);

        Assert.Equal(S.InProgress, ticket.Status);
        Assert.Equal(406.5m, ticket.ChargeToCustomer);
    }

    [Fact]
    public void Customer_who_refuses_the_quote_closes_the_ticket_as_declined()
    {
        var ticket = InStatus(S.Quoted);

        ticket.RecordConsent(ConsentMethod.Phone, false, "desk1", At.AddHours(2), "too expensive");

        Assert.Equal(S.Declined, ticket.Status);
        Assert.True(ticket.IsFinal);
        Assert.Equal(At.AddHours(2), ticket.ClosedAt);
        Assert.False(ticket.Consent!.Accepted);
        Assert.Equal(0m, ticket.ChargeToCustomer);
    }

    [Fact]
    public void Customer_can_refuse_on_site()
    {
        var ticket = NewTicket();
        ticket.Assign("tech1", At);
        ticket.RecordQuote(AQuote(), At, "tech1");

        ticket.RecordConsent(ConsentMethod.OnSiteSignature, false, "tech1", At);

        Assert.Equal(S.Declined, ticket.Status);
    }

    [Fact]
    public void Customer_can_withdraw_an_acceptance_before_work_starts()
    {
        var ticket = InStatus(S.Consented);

        ticket.RecordConsent(ConsentMethod.Phone, false, "desk1", At, "changed their mind");

        Assert.Equal(S.Declined, ticket.Status);
    }

    [Fact]
    public void A_revised_quote_needs_the_customer_to_answer_again()
    {
        var ticket = InStatus(S.Consented);

        ticket.RecordQuote(AQuote(partPrice: 500m), At, "desk1");

        Assert.Equal(S.Quoted, ticket.Status);
        Assert.Null(ticket.Consent);
        Assert.False(ticket.HasAcceptedConsent);
        Assert.Equal(620m, ticket.QuoteTotal);
        Assert.Equal(0m, ticket.ChargeToCustomer);
    }

    [Fact]
    public void A_revised_quote_on_site_blocks_work_until_accepted_again()
    {
        var ticket = InStatus(S.Assigned);

        ticket.RecordQuote(AQuote(partPrice: 500m), At, "tech1");

        Assert.Equal(S.Assigned, ticket.Status);
        Assert.Equal("ticket.consent_required", Assert.Throws<DomainException>(() => ticket.StartWork(At)).Code);
    }

    [Fact]
    public void Ticket_can_be_reassigned_to_another_technician()
    {
        var ticket = InStatus(S.Assigned);

        ticket.Assign("tech2", At.AddHours(1));

        Assert.Equal(S.Assigned, ticket.Status);
        Assert.Equal("tech2", ticket.AssignedTechnicianId);
        Assert.Equal(At.AddHours(1), ticket.AssignedAt);
    }

    [Theory]
    [InlineData(S.New)]
    [InlineData(S.AwaitingQuote)]
    [InlineData(S.Quoted)]
    [InlineData(S.Consented)]
    [InlineData(S.Assigned)]
    [InlineData(S.InProgress)]
    public void Open_ticket_can_be_cancelled_with_a_reason(S status)
    {
        var ticket = InStatus(status);

        ticket.Cancel("  customer sold the unit  ", At.AddDays(1));

        Assert.Equal(S.Cancelled, ticket.Status);
        Assert.Equal("customer sold the unit", ticket.CancellationReason);
        Assert.Equal(At.AddDays(1), ticket.ClosedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Cancelling_needs_a_reason(string reason)
    {
        var ticket = NewTicket();

        Assert.Equal("field.required", Assert.Throws<DomainException>(() => ticket.Cancel(reason, At)).Code);
        Assert.Equal(S.New, ticket.Status);
    }

    [Fact]
    public void Can_move_to_reflects_the_current_status()
    {
        var ticket = InStatus(S.Quoted);

        Assert.True(ticket.CanMoveTo(S.Consented));
        Assert.False(ticket.CanMoveTo(S.InProgress));
    }

    [Fact]
    public void Refused_quote_leaves_the_previous_quote_untouched()
    {
        var ticket = InStatus(S.Quoted);

        Assert.Throws<DomainException>(() => ticket.RecordQuote(AQuote(partPrice: 999m), At, " "));

        Assert.Equal(406.5m, ticket.QuoteTotal);
        Assert.Equal("desk1", ticket.QuotedBy);
    }
}
