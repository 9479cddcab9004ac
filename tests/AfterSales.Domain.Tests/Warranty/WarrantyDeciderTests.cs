using System.Globalization;
using AfterSales.Domain.Warranty;
using FsCheck.Xunit;

namespace AfterSales.Domain.Tests.Warranty;

public class WarrantyDeciderTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static WarrantyInput Input(string? purchase, string today, int months = 12, bool proof = true) => new()
    {
        PurchaseDate = purchase is null ? null : D(purchase),
        HasProofOfPurchase = proof,
        WarrantyMonths = months,
        Today = D(today),
    };

    private static string[] Codes(WarrantyDecision decision) => [.. decision.Reasons.Select(r => r.Code)];

    [Theory]
    [InlineData("2025-03-15", 12, "2026-03-14")] // the start day is the first covered day
    [InlineData("2025-01-01", 12, "2025-12-31")]
    [InlineData("2024-02-29", 12, "2025-02-28")] // no 29 February next year: to the month's end
    [InlineData("2024-02-29", 48, "2028-02-28")] // leap year again: the day before 29 February
    [InlineData("2024-02-28", 12, "2025-02-27")]
    [InlineData("2025-01-31", 1, "2025-02-28")] // no 31 February: to the month's end
    [InlineData("2024-01-31", 1, "2024-02-29")]
    [InlineData("2025-01-30", 1, "2025-02-28")]
    [InlineData("2025-01-28", 1, "2025-02-27")]
    [InlineData("2025-03-31", 1, "2025-04-30")]
    [InlineData("2025-04-30", 1, "2025-05-29")]
    [InlineData("2025-12-31", 2, "2026-02-28")]
    public void Warranty_expires_the_day_before_the_same_day_months_later_or_at_the_end_of_a_shorter_month(string start, int months, string expected) =>
        Assert.Equal(D(expected), WarrantyDecider.ExpiryOf(D(start), months));

    [Theory]
    [InlineData("2025-03-15", "2025-03-15", WarrantyStatus.InWarranty)] // the purchase day
    [InlineData("2025-03-15", "2026-03-14", WarrantyStatus.InWarranty)] // the expiry day itself
    [InlineData("2025-03-15", "2026-03-15", WarrantyStatus.OutOfWarranty)] // the day after
    [InlineData("2024-02-29", "2025-02-28", WarrantyStatus.InWarranty)]
    [InlineData("2024-02-29", "2025-03-01", WarrantyStatus.OutOfWarranty)]
    [InlineData("2024-02-28", "2025-02-27", WarrantyStatus.InWarranty)]
    [InlineData("2024-02-28", "2025-02-28", WarrantyStatus.OutOfWarranty)]
    public void Status_at_the_edges_of_a_twelve_month_warranty(string purchase, string today, WarrantyStatus expected) =>
        Assert.Equal(expected, WarrantyDecider.Decide(Input(purchase, today)).Status);

    [Theory]
    [InlineData("2025-02-28", WarrantyStatus.InWarranty)]
    [InlineData("2025-03-01", WarrantyStatus.OutOfWarranty)]
    public void Month_end_purchase_is_covered_to_the_end_of_the_shorter_month(string today, WarrantyStatus expected) =>
        Assert.Equal(expected, WarrantyDecider.Decide(Input("2025-01-31", today, months: 1)).Status);

    [Fact]
    public void In_period_reason_says_until_when_and_how_many_days_are_left()
    {
        var decision = WarrantyDecider.Decide(Input("2025-02-01", "2026-11-27", months: 24));

        Assert.Equal(WarrantyStatus.InWarranty, decision.Status);
        Assert.Equal(D("2027-01-31"), decision.ExpiresOn);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(WarrantyCodes.InPeriod, reason.Code);
        Assert.Equal("In warranty until 2027-01-31 (65 days left)", reason.Text);
        Assert.Equal([D("2027-01-31"), 65], reason.Args);
        Assert.Equal(D("2026-11-27"), decision.DecidedOn);
    }

    [Fact]
    public void Expired_reason_says_when_and_how_long_ago()
    {
        var decision = WarrantyDecider.Decide(Input("2025-03-03", "2026-11-27"));

        Assert.Equal(WarrantyStatus.OutOfWarranty, decision.Status);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(WarrantyCodes.Expired, reason.Code);
        Assert.Equal("Expired on 2026-03-02, 270 days ago", reason.Text);
    }

    [Fact]
    public void No_proof_of_purchase_is_out_of_warranty_even_inside_the_period()
    {
        var decision = WarrantyDecider.Decide(Input("2025-06-01", "2025-12-01", proof: false));

        Assert.Equal(WarrantyStatus.OutOfWarranty, decision.Status);
        Assert.Equal([WarrantyCodes.InPeriod, WarrantyCodes.NoProof], Codes(decision));
        Assert.Equal("No proof of purchase", decision.Reasons[1].Text);
    }

    [Fact]
    public void Human_damage_is_out_of_warranty_even_inside_the_period()
    {
        var decision = WarrantyDecider.Decide(Input("2025-06-01", "2025-12-01") with { HumanDamage = true });

        Assert.Equal(WarrantyStatus.OutOfWarranty, decision.Status);
        Assert.Equal([WarrantyCodes.InPeriod, WarrantyCodes.HumanDamage], Codes(decision));
        Assert.Equal("Human damage found by the technician", decision.Reasons[1].Text);
    }

    [Fact]
    public void Without_a_purchase_date_the_period_runs_from_the_manufacture_date_in_the_serial()
    {
        var decision = WarrantyDecider.Decide(Input(null, "2025-03-01") with { SerialDate = D("2024-05-01") });

        Assert.Equal(WarrantyStatus.InWarranty, decision.Status);
        Assert.Equal(D("2025-04-30"), decision.ExpiresOn);
        Assert.Equal([WarrantyCodes.FromSerial, WarrantyCodes.InPeriod], Codes(decision));
        Assert.Equal(
            "Warranty period counted from the manufacture date decoded from the serial number (2024-05-01)",
            decision.Reasons[0].Text);
    }

    [Fact]
    public void Serial_date_after_its_period_is_expired()
    {
        var decision = WarrantyDecider.Decide(Input(null, "2025-05-01") with { SerialDate = D("2024-05-01") });

        Assert.Equal(WarrantyStatus.OutOfWarranty, decision.Status);
        Assert.Equal([WarrantyCodes.FromSerial, WarrantyCodes.Expired], Codes(decision));
    }

    [Fact]
    public void Serial_date_inside_the_period_without_proof_is_still_out_of_warranty()
    {
        var decision = WarrantyDecider.Decide(Input(null, "2025-03-01", proof: false) with { SerialDate = D("2024-05-01") });

        Assert.Equal(WarrantyStatus.OutOfWarranty, decision.Status);
        Assert.Equal([WarrantyCodes.FromSerial, WarrantyCodes.InPeriod, WarrantyCodes.NoProof], Codes(decision));
    }

    [Fact]
    public void Purchase_date_wins_over_the_serial_date()
    {
        var decision = WarrantyDecider.Decide(Input("2025-01-10", "2025-03-01") with { SerialDate = D("2023-01-01") });

        Assert.Equal(D("2026-01-09"), decision.ExpiresOn);
        Assert.Equal([WarrantyCodes.InPeriod], Codes(decision));
    }

    [Fact]
    public void Serial_date_after_today_is_ignored_and_leaves_the_warranty_undetermined()
    {
        var decision = WarrantyDecider.Decide(Input(null, "2025-03-01") with { SerialDate = D("2025-04-01") });

        Assert.Equal(WarrantyStatus.Undetermined, decision.Status);
        Assert.Null(decision.ExpiresOn);
        Assert.Equal([WarrantyCodes.SerialDateInFuture, WarrantyCodes.NoDate], Codes(decision));
    }

    [Theory]
    [InlineData(true, false, WarrantyStatus.Undetermined, new[] { WarrantyCodes.NoDate })]
    [InlineData(false, false, WarrantyStatus.OutOfWarranty, new[] { WarrantyCodes.NoDate, WarrantyCodes.NoProof })]
    [InlineData(true, true, WarrantyStatus.OutOfWarranty, new[] { WarrantyCodes.NoDate, WarrantyCodes.HumanDamage })]
    public void Without_any_usable_date(bool proof, bool humanDamage, WarrantyStatus expected, string[] codes)
    {
        var decision = WarrantyDecider.Decide(Input(null, "2025-03-01", proof: proof) with { HumanDamage = humanDamage });

        Assert.Equal(expected, decision.Status);
        Assert.Null(decision.ExpiresOn);
        Assert.Equal(codes, Codes(decision));
    }

    [Theory]
    [InlineData("2025-09-30", true, false, WarrantyStatus.InWarranty, WarrantyCodes.PartWarranty)]
    [InlineData("2025-10-01", true, false, WarrantyStatus.InWarranty, WarrantyCodes.PartWarranty)] // its last day
    [InlineData("2025-10-02", true, false, WarrantyStatus.OutOfWarranty, WarrantyCodes.PartWarrantyExpired)]
    [InlineData("2025-09-30", false, false, WarrantyStatus.InWarranty, WarrantyCodes.PartWarranty)] // our own record is the proof
    [InlineData("2025-09-30", true, true, WarrantyStatus.OutOfWarranty, WarrantyCodes.PartWarrantyVoid)]
    public void Replaced_part_under_its_own_repair_warranty_covers_an_expired_unit_unless_damaged(
        string today, bool proof, bool humanDamage, WarrantyStatus expected, string partCode)
    {
        var input = Input("2023-01-01", today, proof: proof) with
        {
            HumanDamage = humanDamage,
            ReplacedPart = new PartWarranty("compressor", D("2025-10-01")),
        };

        var decision = WarrantyDecider.Decide(input);

        Assert.Equal(expected, decision.Status);
        Assert.Equal(D("2023-12-31"), decision.ExpiresOn);
        Assert.Contains(WarrantyCodes.Expired, Codes(decision));
        Assert.Equal(partCode, decision.Reasons[^1].Code);
        Assert.Contains("'compressor'", decision.Reasons[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Part_warranty_reason_names_the_part_and_its_end()
    {
        var input = Input("2023-01-01", "2025-09-30") with { ReplacedPart = new PartWarranty("compressor", D("2025-10-01")) };

        var reason = WarrantyDecider.Decide(input).Reasons[^1];

        Assert.Equal("Replaced part 'compressor' is under its own repair warranty until 2025-10-01", reason.Text);
        Assert.Equal(["compressor", D("2025-10-01")], reason.Args);
    }

    [Fact]
    public void Every_reason_that_applied_is_listed()
    {
        var input = Input(null, "2025-09-30", proof: false) with
        {
            SerialDate = D("2025-01-01"),
            HumanDamage = true,
            ReplacedPart = new PartWarranty("fan motor", D("2026-01-01")),
            Override = new WarrantyOverride(WarrantyStatus.InWarranty, "Goodwill for a key account", "manager1"),
        };

        var decision = WarrantyDecider.Decide(input);

        Assert.Equal(
            [WarrantyCodes.FromSerial, WarrantyCodes.InPeriod, WarrantyCodes.NoProof, WarrantyCodes.HumanDamage, WarrantyCodes.PartWarrantyVoid, WarrantyCodes.Override],
            Codes(decision));
    }

    [Fact]
    public void Supervisor_override_wins_and_keeps_the_computed_reasons()
    {
        var input = Input("2025-06-01", "2025-12-01") with
        {
            HumanDamage = true,
            Override = new WarrantyOverride(WarrantyStatus.InWarranty, " Damage happened in transport ", " dispatch1 "),
        };

        var decision = WarrantyDecider.Decide(input);

        Assert.Equal(WarrantyStatus.InWarranty, decision.Status);
        Assert.True(decision.IsOverridden);
        Assert.Equal([WarrantyCodes.InPeriod, WarrantyCodes.HumanDamage, WarrantyCodes.Override], Codes(decision));
        Assert.Equal("Overridden by supervisor dispatch1: Damage happened in transport", decision.Reasons[^1].Text);
    }

    [Fact]
    public void Override_can_also_take_warranty_away()
    {
        var input = Input("2025-06-01", "2025-12-01") with
        {
            Override = new WarrantyOverride(WarrantyStatus.OutOfWarranty, "Unit was resold abroad", "manager1"),
        };

        Assert.Equal(WarrantyStatus.OutOfWarranty, WarrantyDecider.Decide(input).Status);
    }

    [Fact]
    public void Decision_without_override_is_not_overridden() =>
        Assert.False(WarrantyDecider.Decide(Input("2025-06-01", "2025-12-01")).IsOverridden);

    [Theory]
    [InlineData("", "manager1", WarrantyStatus.InWarranty, WarrantyCodes.OverrideReasonRequired)]
    [InlineData("   ", "manager1", WarrantyStatus.InWarranty, WarrantyCodes.OverrideReasonRequired)]
    [InlineData("goodwill", " ", WarrantyStatus.InWarranty, WarrantyCodes.OverrideByRequired)]
    [InlineData("goodwill", "manager1", WarrantyStatus.Undetermined, WarrantyCodes.OverrideResultInvalid)]
    [InlineData("goodwill", "manager1", (WarrantyStatus)42, WarrantyCodes.OverrideResultInvalid)]
    public void Override_without_a_reason_a_supervisor_or_a_clear_result_is_refused(string reason, string by, WarrantyStatus result, string code)
    {
        var input = Input("2025-06-01", "2025-12-01") with { Override = new WarrantyOverride(result, reason, by) };

        var error = Assert.Throws<DomainException>(() => WarrantyDecider.Decide(input));

        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public void Override_reason_is_at_most_500_characters(int length, bool accepted)
    {
        var input = Input("2025-06-01", "2025-12-01") with
        {
            Override = new WarrantyOverride(WarrantyStatus.OutOfWarranty, new string('x', length), "manager1"),
        };

        var error = Record.Exception(() => WarrantyDecider.Decide(input));

        if (accepted)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Equal(WarrantyCodes.OverrideReasonTooLong, Assert.IsType<DomainException>(error).Code);
        }
    }

    [Fact]
    public void Purchase_date_after_today_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => WarrantyDecider.Decide(Input("2025-12-02", "2025-12-01")));

        Assert.Equal(WarrantyCodes.FuturePurchaseDate, error.Code);
        Assert.Equal([D("2025-12-02")], error.Args);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-12)]
    public void Warranty_months_must_be_positive(int months) =>
        Assert.Equal(
            WarrantyCodes.InvalidMonths,
            Assert.Throws<DomainException>(() => WarrantyDecider.Decide(Input("2025-06-01", "2025-12-01", months))).Code);

    private static readonly DateOnly Origin = new(1990, 1, 1);

    private static DateOnly Day(int offset) => Origin.AddDays(((offset % 20_000) + 20_000) % 20_000);

    private static int Months(int m) => (((m % 120) + 120) % 120) + 1;

    [Property]
    public bool Expiry_lies_inside_the_month_count_and_never_before_the_start(int offset, int m)
    {
        var start = Day(offset);
        var months = Months(m);
        var expiry = WarrantyDecider.ExpiryOf(start, months);
        return expiry >= start.AddMonths(months).AddDays(-1) && expiry <= start.AddMonths(months) && expiry >= start;
    }

    [Property]
    public bool A_later_purchase_never_expires_earlier(int offset, int m)
    {
        var start = Day(offset);
        var months = Months(m);
        return WarrantyDecider.ExpiryOf(start.AddDays(1), months) >= WarrantyDecider.ExpiryOf(start, months);
    }

    [Property]
    public bool The_expiry_day_is_covered_and_the_next_day_is_not(int offset, int m)
    {
        var start = Day(offset);
        var months = Months(m);
        var expiry = WarrantyDecider.ExpiryOf(start, months);
        var onExpiry = WarrantyDecider.Decide(new WarrantyInput { PurchaseDate = start, HasProofOfPurchase = true, WarrantyMonths = months, Today = expiry });
        var dayAfter = WarrantyDecider.Decide(new WarrantyInput { PurchaseDate = start, HasProofOfPurchase = true, WarrantyMonths = months, Today = expiry.AddDays(1) });
        return onExpiry.Status == WarrantyStatus.InWarranty && dayAfter.Status == WarrantyStatus.OutOfWarranty;
    }
}
