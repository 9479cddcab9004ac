using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using static AfterSales.Domain.Tests.Tickets.TicketBuilder;

namespace AfterSales.Domain.Tests.Tickets;

public class TicketWarrantyTests
{
    [Fact]
    public void Out_of_warranty_repair_cannot_start_before_consent()
    {
        var ticket = NewTicket(OutOfWarranty());
        ticket.Assign("tech1", At);

        var error = Assert.Throws<DomainException>(() => ticket.StartWork(At));

        Assert.Equal("ticket.consent_required", error.Code);
        Assert.Equal(TicketStatus.Assigned, ticket.Status);
        Assert.Null(ticket.StartedAt);
    }

    [Fact]
    public void Quoted_but_unanswered_repair_cannot_start()
    {
        var ticket = InStatus(TicketStatus.Quoted);
        ticket.Assign("tech1", At);

        Assert.Equal("ticket.consent_required", Assert.Throws<DomainException>(() => ticket.StartWork(At)).Code);
    }

    [Fact]
    public void Undetermined_warranty_is_treated_as_chargeable_until_decided()
    {
        var ticket = NewTicket(Undetermined());
        ticket.Assign("tech1", At);

        Assert.Equal("ticket.consent_required", Assert.Throws<DomainException>(() => ticket.StartWork(At)).Code);
    }

    [Fact]
    public void In_warranty_repair_has_nothing_to_quote()
    {
        var ticket = NewTicket(InWarranty());

        Assert.Equal("ticket.in_warranty_no_charge", Assert.Throws<DomainException>(() => ticket.RecordQuote(AQuote(), At, "desk1")).Code);
        Assert.Equal("ticket.in_warranty_no_charge", Assert.Throws<DomainException>(ticket.RequestQuote).Code);
        Assert.Empty(ticket.QuoteLines);
        Assert.Equal(TicketStatus.New, ticket.Status);
    }

    [Fact]
    public void Consent_needs_a_quote()
    {
        var ticket = NewTicket();
        ticket.Assign("tech1", At);

        Assert.Equal(
            "ticket.quote_required",
            Assert.Throws<DomainException>(() => ticket.RecordConsent(ConsentMethod.OnSiteSignature, true, "tech1", At)).Code);
        Assert.Null(ticket.Consent);
    }

    [Fact]
    public void In_warranty_charge_is_zero_even_when_an_accepted_quote_exists()
    {
        var ticket = InStatus(TicketStatus.Consented);
        Assert.Equal(406.5m, ticket.ChargeToCustomer);

        ticket.RedecideWarranty(OverriddenIntoWarranty());

        Assert.Equal(WarrantyStatus.InWarranty, ticket.WarrantyStatus);
        Assert.Equal(0m, ticket.ChargeToCustomer);
        Assert.Equal(406.5m, ticket.QuoteTotal); // kept for the record
        Assert.Equal(TicketStatus.New, ticket.Status); // ready to dispatch, no consent needed
        Assert.Equal(WarrantyCodes.Override, ticket.WarrantyReasons.Last().Code);
    }

    [Fact]
    public void Override_into_warranty_after_completion_waives_the_charge()
    {
        var ticket = InStatus(TicketStatus.Completed);

        ticket.RedecideWarranty(OverriddenIntoWarranty());

        Assert.Equal(TicketStatus.Completed, ticket.Status);
        Assert.Equal(0m, ticket.ChargeToCustomer);
    }

    [Fact]
    public void Human_damage_found_during_work_stops_it_until_a_quote_is_accepted()
    {
        var ticket = NewTicket(InWarranty());
        ticket.Assign("tech1", At);
        ticket.StartWork(At);

        ticket.RedecideWarranty(HumanDamageFound());

        Assert.Equal(TicketStatus.AwaitingQuote, ticket.Status);
        Assert.Equal(WarrantyStatus.OutOfWarranty, ticket.WarrantyStatus);
        Assert.Contains(ticket.WarrantyReasons, r => r.Code == WarrantyCodes.HumanDamage);
        Assert.Equal("tech1", ticket.AssignedTechnicianId);

        ticket.Assign("tech1", At);
        Assert.Equal("ticket.consent_required", Assert.Throws<DomainException>(() => ticket.StartWork(At)).Code);
        ticket.RecordQuote(AQuote(), At, "tech1");
        ticket.RecordConsent(ConsentMethod.OnSiteSignature, true, "tech1", At);
        ticket.StartWork(At);

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(406.5m, ticket.ChargeToCustomer);
    }

    [Fact]
    public void Recording_human_damage_keeps_the_units_warranty_expiry_on_record()
    {
        var ticket = NewTicket(InWarranty());
        var expiry = ticket.WarrantyExpiresOn;
        Assert.Equal(new DateOnly(2026, 5, 31), expiry);

        // Found on site for a unit the technician's decision knows no date for (no model or purchase date on the unit).
        var onSite = WarrantyDecider.Decide(new WarrantyInput { HasProofOfPurchase = true, HumanDamage = true, WarrantyMonths = 12, Today = Today });
        Assert.Null(onSite.ExpiresOn);
        ticket.RedecideWarranty(onSite);

        Assert.Equal(WarrantyStatus.OutOfWarranty, ticket.WarrantyStatus);
        Assert.Equal(expiry, ticket.WarrantyExpiresOn);

        // With a different period guessed on site the expiry on record still stands.
        ticket.RedecideWarranty(WarrantyDecider.Decide(new WarrantyInput { PurchaseDate = new(2025, 6, 1), HasProofOfPurchase = true, HumanDamage = true, WarrantyMonths = 24, Today = Today }));
        Assert.Equal(expiry, ticket.WarrantyExpiresOn);
    }

    [Fact]
    public void Without_an_expiry_on_record_human_damage_takes_the_decisions_expiry()
    {
        var ticket = NewTicket(Undetermined());
        Assert.Null(ticket.WarrantyExpiresOn);

        ticket.RedecideWarranty(HumanDamageFound());

        Assert.Equal(new DateOnly(2026, 5, 31), ticket.WarrantyExpiresOn);
    }

    [Fact]
    public void Work_under_an_accepted_quote_goes_on_when_the_decision_is_confirmed()
    {
        var ticket = InStatus(TicketStatus.InProgress);

        ticket.RedecideWarranty(HumanDamageFound());

        Assert.Equal(TicketStatus.InProgress, ticket.Status);
    }

    [Fact]
    public void Human_damage_found_before_work_keeps_the_technician_but_gates_the_start()
    {
        var ticket = NewTicket(InWarranty());
        ticket.Assign("tech1", At);

        ticket.RedecideWarranty(HumanDamageFound());

        Assert.Equal(TicketStatus.Assigned, ticket.Status);
        Assert.Equal("ticket.consent_required", Assert.Throws<DomainException>(() => ticket.StartWork(At)).Code);
    }

    [Theory]
    [InlineData(TicketStatus.AwaitingQuote)]
    [InlineData(TicketStatus.Quoted)]
    public void Proof_shown_later_puts_a_waiting_ticket_back_to_dispatch(TicketStatus status)
    {
        var ticket = InStatus(status);

        ticket.RedecideWarranty(InWarranty());

        Assert.Equal(TicketStatus.New, ticket.Status);
        ticket.Assign("tech1", At);
        ticket.StartWork(At);
        Assert.Equal(0m, ticket.ChargeToCustomer);
    }

    [Theory]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Declined)]
    [InlineData(TicketStatus.Cancelled)]
    public void Final_ticket_keeps_its_warranty_decision(TicketStatus status)
    {
        var ticket = InStatus(status);

        Assert.Equal("ticket.final", Assert.Throws<DomainException>(() => ticket.RedecideWarranty(InWarranty())).Code);
        Assert.Equal(WarrantyStatus.OutOfWarranty, ticket.WarrantyStatus);
    }

    [Fact]
    public void Ticket_keeps_the_warranty_decision_in_storable_form()
    {
        var ticket = NewTicket(InWarranty());

        Assert.Equal(WarrantyStatus.InWarranty, ticket.WarrantyStatus);
        Assert.Equal(new DateOnly(2026, 5, 31), ticket.WarrantyExpiresOn);
        Assert.Equal(Today, ticket.WarrantyDecidedOn);
        var reason = Assert.Single(ticket.WarrantyReasons);
        Assert.Equal(WarrantyCodes.InPeriod, reason.Code);
        Assert.Equal("In warranty until 2026-05-31 (90 days left)", reason.Text);
        Assert.Equal(["2026-05-31", "90"], reason.Args);
    }
}
