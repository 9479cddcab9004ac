using AfterSales.Domain.Calendar;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Infrastructure;

/// <summary>
/// A calendar day's name as the reader says it: a known festival (春节, or "Spring Festival" in English; its make-up
/// working day 春节调休, "Make-up working day for Spring Festival") from the resources; the generic names the first
/// seeding wrote (法定节假日, 调休上班) by the festival of that date; any other name as the administrator typed it.
/// </summary>
public static class CalendarNames
{
    private const string LegacyHoliday = "法定节假日";
    private const string LegacyMakeUp = "调休上班";

    public static string Display(IStringLocalizer l, CalendarDay day)
    {
        var festival = ChinaPublicHolidays.FestivalNamed(day.Name)
            ?? (day.Name is LegacyHoliday or LegacyMakeUp ? ChinaPublicHolidays.FestivalOf(day.Day) : null);
        if (festival is { } f)
        {
            var name = l["Calendar.Festival." + f].Value;
            return day.Kind == CalendarDayKind.MakeUpWorkday ? l["Calendar.MakeUpFor", name].Value : name;
        }

        return day.Name switch
        {
            LegacyHoliday => l["Calendar.PublicHoliday"].Value,
            LegacyMakeUp => l["Calendar.MakeUpDay"].Value,
            _ => day.Name,
        };
    }
}
