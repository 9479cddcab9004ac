using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;

namespace AfterSales.Domain.Tests.Tickets;

/// <summary>Tickets and decisions in the states the tests need.</summary>
internal static class TicketBuilder
{
    public static readonly DateOnly Today = new(2026, 3, 2);
    public static readonly DateTimeOffset At = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    public static WarrantyDecision InWarranty() =>
        WarrantyDecider.Decide(new WarrantyInput { PurchaseDate = new(2025, 6, 1), HasProofOfPurchase = true, WarrantyMonths = 12, Today = Today });

    public static WarrantyDecision OutOfWarranty() =>
        WarrantyDecider.Decide(new WarrantyInput { PurchaseDate = new(2024, 1, 10), HasProofOfPurchase = true, WarrantyMonths = 12, Today = Today });

    public static WarrantyDecision Undetermined() =>
        WarrantyDecider.Decide(new WarrantyInput { HasProofOfPurchase = true, WarrantyMonths = 12, Today = Today });

    public static WarrantyDecision HumanDamageFound() =>
        WarrantyDecider.Decide(new WarrantyInput { PurchaseDate = new(2025, 6, 1), HasProofOfPurchase = true, HumanDamage = true, WarrantyMonths = 12, Today = Today });

    public static WarrantyDecision OverriddenIntoWarranty() =>
        WarrantyDecider.Decide(new WarrantyInput
        {
            PurchaseDate = new(2024, 1, 10),
            HasProofOfPurchase = true,
            WarrantyMonths = 12,
            Today = Today,
            Override = new WarrantyOverride(WarrantyStatus.InWarranty, "Known batch defect, company pays", "manager1"),
        });

    public static TicketIntake Intake(TicketKind kind = TicketKind.Repair) => new()
    {
        CustomerId = 7,
        UnitId = 11,
        ProductModelId = 3,
        Channel = ContactChannel.Phone,
        Kind = kind,
        Urgency = Urgency.High,
        ServiceMode = ServiceMode.OnSite,
        FaultDescription = "空调不制冷 / no cooling",
        PreferredTime = "周六上午",
        EstimatedAmount = 300m,
    };

    public static Ticket NewTicket(WarrantyDecision? warranty = null, TicketKind kind = TicketKind.Repair) =>
        Ticket.Create("T20260302-0001", Intake(kind), warranty ?? OutOfWarranty(), At, "desk1");

    public static Quote AQuote(decimal partPrice = 286.5m) => new(
    [
        new QuoteLine(QuoteLineKind.Part, "Fan motor", "FM-220", 1, partPrice),
        new QuoteLine(QuoteLineKind.Labour, "Replace fan motor", null, 1.5m, 80m),
    ]);

    /// <summary>An out-of-warranty repair brought to <paramref name="status"/> along the desk-quote path.</summary>
    public static Ticket InStatus(TicketStatus status)
    {
        var ticket = NewTicket();
        switch (status)
        {
            case TicketStatus.New:
                break;
            case TicketStatus.AwaitingQuote:
                ticket.RequestQuote();
                break;
            case TicketStatus.Quoted:
                ticket.RecordQuote(AQuote(), At, "desk1");
                break;
            case TicketStatus.Declined:
                ticket.RecordQuote(AQuote(), At, "desk1");
                ticket.RecordConsent(ConsentMethod.Phone, false, "desk1", At, "too expensive");
                break;
            case TicketStatus.Cancelled:
                ticket.Cancel("customer fixed it", At);
                break;
            default:
                ticket.RecordQuote(AQuote(), At, "desk1");
                ticket.RecordConsent(ConsentMethod.Phone, true, "desk1", At);
                Advance(ticket, status);
                break;
        }

        Assert.Equal(status, ticket.Status);
        return ticket;
    }

    private static void Advance(Ticket ticket, TicketStatus status)
    {
        if (status == TicketStatus.Consented)
        {
            return;
        }

        ticket.Assign("tech1", At);
        if (status == TicketStatus.Assigned)
        {
            return;
        }

        ticket.StartWork(At);
        if (status == TicketStatus.InProgress)
        {
            return;
        }

        ticket.Complete(At);
        if (status == TicketStatus.Closed)
        {
            ticket.Close(At);
        }
    }
}
