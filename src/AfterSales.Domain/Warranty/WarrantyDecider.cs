using System.Globalization;

namespace AfterSales.Domain.Warranty;

/// <summary>
/// Decides whether a repair is in warranty under the warranty rules and lists every reason that applied.
/// </summary>
/// <remarks>
/// Rules, in order of precedence:
/// <list type="number">
/// <item>Human damage ⇒ out of warranty, whatever else holds (it also voids a replaced part's warranty).</item>
/// <item>A replaced part still under its own repair warranty ⇒ in warranty. The company's own repair record
/// is the proof here, so a missing proof of purchase does not matter.</item>
/// <item>No proof of purchase ⇒ out of warranty, even inside the period and even when the period is counted
/// from the serial number: the regulation says warranty is judged from the proof; the serial only dates the
/// period of a unit whose proof shows no date.</item>
/// <item>No purchase date and no usable serial date ⇒ undetermined.</item>
/// <item>Otherwise in warranty through <see cref="ExpiryOf"/>, out of warranty after.</item>
/// </list>
/// A supervisor override replaces the status (it needs a written reason) and keeps all computed reasons.
/// </remarks>
public static class WarrantyDecider
{
    public const int OverrideReasonMaxLength = 500;

    public static WarrantyDecision Decide(WarrantyInput input)
    {
        var today = input.Today;
        if (input.PurchaseDate > today)
        {
            throw new DomainException(
                WarrantyCodes.FuturePurchaseDate,
                $"The purchase date {Iso(input.PurchaseDate.Value)} is after today ({Iso(today)}).",
                input.PurchaseDate.Value);
        }

        if (input.WarrantyMonths <= 0)
        {
            throw new DomainException(
                WarrantyCodes.InvalidMonths,
                $"The warranty period must be a positive number of months, not {input.WarrantyMonths}.",
                input.WarrantyMonths);
        }

        ValidateOverride(input.Override);

        var reasons = new List<WarrantyReason>();
        var start = StartOfPeriod(input, reasons);
        DateOnly? expiresOn = start is { } s ? ExpiryOf(s, input.WarrantyMonths) : null;
        var inPeriod = false;
        if (expiresOn is { } end)
        {
            inPeriod = today <= end;
            var days = Math.Abs(today.DayNumber - end.DayNumber);
            reasons.Add(inPeriod
                ? Reason(WarrantyCodes.InPeriod, $"In warranty until {Iso(end)} ({Days(days)} left)", end, days)
                : Reason(WarrantyCodes.Expired, $"Expired on {Iso(end)}, {Days(days)} ago", end, days));
        }
        else
        {
            reasons.Add(Reason(WarrantyCodes.NoDate, "No purchase date and no manufacture date decodable from the serial number"));
        }

        if (!input.HasProofOfPurchase)
        {
            reasons.Add(Reason(WarrantyCodes.NoProof, "No proof of purchase"));
        }

        if (input.HumanDamage)
        {
            reasons.Add(Reason(WarrantyCodes.HumanDamage, "Human damage found by the technician"));
        }

        var partCovers = false;
        if (input.ReplacedPart is { } part)
        {
            var partActive = today <= part.EndsOn;
            partCovers = partActive && !input.HumanDamage;
            reasons.Add(
                !partActive ? Reason(WarrantyCodes.PartWarrantyExpired, $"Replaced part '{part.Part}' was under its own repair warranty until {Iso(part.EndsOn)}, which has ended", part.Part, part.EndsOn)
                : partCovers ? Reason(WarrantyCodes.PartWarranty, $"Replaced part '{part.Part}' is under its own repair warranty until {Iso(part.EndsOn)}", part.Part, part.EndsOn)
                : Reason(WarrantyCodes.PartWarrantyVoid, $"Replaced part '{part.Part}' would be under its own repair warranty until {Iso(part.EndsOn)}, but human damage voids it", part.Part, part.EndsOn));
        }

        var status =
            input.HumanDamage ? WarrantyStatus.OutOfWarranty
            : partCovers ? WarrantyStatus.InWarranty
            : !input.HasProofOfPurchase ? WarrantyStatus.OutOfWarranty
            : expiresOn is null ? WarrantyStatus.Undetermined
            : inPeriod ? WarrantyStatus.InWarranty
            : WarrantyStatus.OutOfWarranty;

        if (input.Override is { } decidedBy)
        {
            status = decidedBy.Result;
            var reason = decidedBy.Reason.Trim();
            var by = decidedBy.By.Trim();
            reasons.Add(Reason(WarrantyCodes.Override, $"Overridden by supervisor {by}: {reason}", by, reason, decidedBy.Result));
        }

        return new WarrantyDecision(status, expiresOn, reasons, today);
    }

    /// <summary>
    /// The last day covered by a warranty of <paramref name="months"/> months starting on <paramref name="start"/>.
    /// The start day counts as the first covered day, so the warranty ends the day before the same day-of-month
    /// <paramref name="months"/> later: 2025-03-15 + 12 months ⇒ covered through 2026-03-14.
    /// When that month has no such day (start on the 29th–31st), the warranty runs to the end of that month:
    /// 2025-01-31 + 1 month ⇒ through 2025-02-28; 2024-02-29 + 12 months ⇒ through 2025-02-28.
    /// The result never moves earlier when the start moves later.
    /// </summary>
    public static DateOnly ExpiryOf(DateOnly start, int months)
    {
        var sameDayLater = start.AddMonths(months); // clamps to the month's last day when the day does not exist
        return sameDayLater.Day == start.Day ? sameDayLater.AddDays(-1) : sameDayLater;
    }

    private static DateOnly? StartOfPeriod(WarrantyInput input, List<WarrantyReason> reasons)
    {
        if (input.PurchaseDate is { } purchased)
        {
            return purchased;
        }

        if (input.SerialDate is not { } made)
        {
            return null;
        }

        if (made > input.Today)
        {
            reasons.Add(Reason(WarrantyCodes.SerialDateInFuture, $"The manufacture date decoded from the serial number ({Iso(made)}) is after today and is ignored", made));
            return null;
        }

        reasons.Add(Reason(WarrantyCodes.FromSerial, $"Warranty period counted from the manufacture date decoded from the serial number ({Iso(made)})", made));
        return made;
    }

    private static void ValidateOverride(WarrantyOverride? decision)
    {
        if (decision is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(decision.Reason))
        {
            throw new DomainException(WarrantyCodes.OverrideReasonRequired, "A warranty override needs a written reason.");
        }

        if (decision.Reason.Trim().Length > OverrideReasonMaxLength)
        {
            throw new DomainException(WarrantyCodes.OverrideReasonTooLong, $"The override reason is longer than {OverrideReasonMaxLength} characters.", OverrideReasonMaxLength);
        }

        if (string.IsNullOrWhiteSpace(decision.By))
        {
            throw new DomainException(WarrantyCodes.OverrideByRequired, "A warranty override must name the supervisor.");
        }

        if (decision.Result == WarrantyStatus.Undetermined || !Enum.IsDefined(decision.Result))
        {
            throw new DomainException(WarrantyCodes.OverrideResultInvalid, "A warranty override decides in or out of warranty.");
        }
    }

    private static WarrantyReason Reason(string code, string text, params object[] args) => new(code, text, args);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
