namespace AfterSales.Domain.Calendar;

/// <summary>
/// Which business dates are working days. Saturdays and Sundays are off, except make-up working
/// days (调休上班); holidays are off whatever the weekday.
/// </summary>
/// <remarks>
/// Counting convention, used by every repair clock: working days are counted <em>after</em> a date,
/// never including it. "7 working days from acceptance on Monday" is the 7th working day after
/// Monday. <see cref="AddWorkingDays"/> with 0 returns the start date unchanged (even when it is
/// not a working day), so that <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c> for every
/// <c>n ≥ 0</c>.
/// </remarks>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkingDays;

    /// <summary>Builds a calendar.</summary>
    /// <param name="holidays">Dates that are off (may include weekend dates of a holiday span).</param>
    /// <param name="makeUpWorkingDays">Saturdays or Sundays that are working days.</param>
    /// <exception cref="DomainException">
    /// <c>calendar.make_up_day_not_weekend</c> or <c>calendar.day_both_holiday_and_make_up</c>.
    /// </exception>
    public WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkingDays)
    {
        _holidays = [.. holidays];
        _makeUpWorkingDays = [.. makeUpWorkingDays];

        foreach (var day in _makeUpWorkingDays.Order())
        {
            if (!IsWeekend(day))
            {
                throw new DomainException(
                    "calendar.make_up_day_not_weekend",
                    $"The make-up working day {day:yyyy-MM-dd} is not a Saturday or Sunday.",
                    day);
            }

            if (_holidays.Contains(day))
            {
                throw new DomainException(
                    "calendar.day_both_holiday_and_make_up",
                    $"{day:yyyy-MM-dd} cannot be both a holiday and a make-up working day.",
                    day);
            }
        }
    }

    /// <summary>A calendar with only weekends off.</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new([], []);

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    public IReadOnlySet<DateOnly> MakeUpWorkingDays => _makeUpWorkingDays;

    public bool IsWorkingDay(DateOnly date)
    {
        if (_holidays.Contains(date))
        {
            return false;
        }

        return _makeUpWorkingDays.Contains(date) || !IsWeekend(date);
    }

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="start"/>
    /// (the start itself never counts); <paramref name="start"/> when <paramref name="workingDays"/> is 0.
    /// </summary>
    /// <exception cref="DomainException"><c>calendar.negative_working_days</c>.</exception>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        if (workingDays < 0)
        {
            throw new DomainException(
                "calendar.negative_working_days",
                $"Cannot add a negative number of working days ({workingDays}).",
                workingDays);
        }

        var date = start;
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>
    /// Working days in the half-open range (<paramref name="from"/>, <paramref name="to"/>]; negative
    /// (the same count, negated) when <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => AddWorkingDays(date, 1);

    private static bool IsWeekend(DateOnly date) =>
        date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
