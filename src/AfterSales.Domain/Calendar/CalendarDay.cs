namespace AfterSales.Domain.Calendar;

public enum CalendarDayKind
{
    /// <summary>A public holiday: not a working day even on a weekday.</summary>
    Holiday,

    /// <summary>调休: a weekend day worked to make up for a holiday.</summary>
    MakeUpWorkday,
}

/// <summary>One exception to the Monday–Friday week, as the company's calendar keeps it.</summary>
public sealed class CalendarDay
{
    private CalendarDay()
    {
        Name = "";
    }

    public CalendarDay(DateOnly day, CalendarDayKind kind, string name)
    {
        if (kind == CalendarDayKind.MakeUpWorkday && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            throw new DomainException("calendar.make_up_day_not_weekend", "A make-up working day falls on a weekend.", day);
        }

        Day = day;
        Kind = Enum.IsDefined(kind) ? kind : throw new DomainException("calendar.kind", "Choose holiday or make-up working day.");
        Name = Guard.Required(name, 50, "calendar.name");
    }

    public DateOnly Day { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    public string Name { get; private set; }

    public static WorkingCalendar ToCalendar(IEnumerable<CalendarDay> days)
    {
        var list = days.ToList();
        return new WorkingCalendar(list.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Day), list.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Day));
    }
}
