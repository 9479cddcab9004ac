namespace AfterSales.Domain.Calendar;

/// <summary>
/// Whether one year of the company calendar can be relied on. A year seeded from a published State Council notice is
/// official; a year seeded before its notice (the festival dates only, no make-up working days) is provisional until an
/// administrator has checked it against the notice, added what was missing and confirmed it. Repair clocks and
/// follow-up dates read the calendar either way; the calendar page says which years are still provisional.
/// </summary>
public sealed class CalendarYear
{
    private CalendarYear()
    {
    }

    public int Year { get; private set; }

    /// <summary>Official (a published notice) or confirmed by an administrator.</summary>
    public bool Confirmed { get; private set; }

    /// <summary>Who confirmed a provisional year (null for a year official when seeded).</summary>
    public string? ConfirmedBy { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public uint Version { get; private set; }

    public bool Provisional => !Confirmed;

    /// <summary>A year of the national calendar as the product seeds it: official when its notice was published, else provisional.</summary>
    public static CalendarYear Seeded(int year, bool official) => new() { Year = year, Confirmed = official };

    /// <summary>An administrator confirms a provisional year after checking it against the published notice.</summary>
    public void Confirm(string by, DateTimeOffset at)
    {
        if (Confirmed)
        {
            throw new DomainException("calendar.year_confirmed", $"The calendar of {Year} is confirmed already.", Year);
        }

        ConfirmedBy = Guard.Required(by, 256, "calendar.confirmed_by");
        ConfirmedAt = at.ToUniversalTime();
        Confirmed = true;
    }
}
