using AfterSales.Domain;
using AfterSales.Domain.Calendar;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Admin.Calendar;

/// <summary>
/// The company's working calendar for a year: public holidays and make-up working days (调休) with their
/// names, and the working days of each month. Repair clocks read it on every request, so a change applies at once.
/// </summary>
public sealed class IndexModel(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public sealed record Command
    {
        public DateOnly? Day { get; init; }

        public CalendarDayKind Kind { get; init; } = CalendarDayKind.Holiday;

        public string? Name { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Day).NotNull().WithMessage(_ => l["Validation.Date"])
                .Must(d => d is null || (d.Value.Year >= MinYear && d.Value.Year <= MaxYear)).WithMessage(_ => l["Dispatch.Calendar.YearRange", MinYear, MaxYear]);
            RuleFor(c => c.Kind).IsInEnum().WithMessage(_ => l["Domain.calendar.kind"]);
            RuleFor(c => c.Name).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(50).WithMessage(_ => l["Validation.TooLong", 50]);
        }
    }

    public sealed record MonthView(int Month, int WorkingDays, int Holidays, int MakeUpDays);

    public int Year { get; private set; }

    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    public IReadOnlyList<MonthView> Months { get; private set; } = [];

    public int TotalWorkingDays { get; private set; }

    /// <summary>The shown year's standing: official, provisional (to confirm) or confirmed by an admin; null for a year the product did not seed.</summary>
    public CalendarYear? YearState { get; private set; }

    /// <summary>When the shown year was confirmed, in company time.</summary>
    public string ConfirmedAtText => YearState?.ConfirmedAt is { } at ? clock.ToLocal(at).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    [BindProperty]
    public Command Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken cancellationToken)
    {
        if (year is { } y && (y < MinYear || y > MaxYear))
        {
            return BadRequest();
        }

        await LoadAsync(year ?? clock.Today.Year, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(int? year, CancellationToken cancellationToken)
    {
        var shown = year is >= MinYear and <= MaxYear ? year.Value : clock.Today.Year;
        var day = Input.Day ?? default;
        var duplicate = l["Dispatch.Calendar.Duplicate", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)];
        if (ModelState.IsValid && await db.CalendarDays.AnyAsync(d => d.Day == day, cancellationToken))
        {
            ModelState.AddModelError("Input.Day", duplicate);
        }

        return await this.Add(() => new CalendarDay(day, Input.Kind, Input.Name!))
            .ErrorsAt(error => error.Code == "calendar.make_up_day_not_weekend" ? "Input.Day" : error.Code == "field.too_long" || error.Code == "field.required" ? "Input.Name" : "")
            .Unique("Input.Day", duplicate)
            .Reload(() => LoadAsync(shown, cancellationToken))
            .Done(_ => RedirectToPage(new { year = day.Year }))
            .RunAsync(_ => l["Dispatch.Calendar.Added"], cancellationToken);
    }

    /// <summary>An admin confirms a provisional year after checking it against the State Council's notice.</summary>
    public Task<IActionResult> OnPostConfirmAsync(int year, uint version, CancellationToken cancellationToken) =>
        this.Change(db.CalendarYears.Where(y => y.Year == year), version)
            .IgnoringInput()
            .ConflictSays(l["Calendar.YearChanged", year])
            .Reload(() => LoadAsync(year is >= MinYear and <= MaxYear ? year : clock.Today.Year, cancellationToken))
            .Done(_ => RedirectToPage(new { year }))
            .RunAsync(state =>
            {
                // A year someone else changed is not confirmed over their change, whatever the change was.
                if (state.Version != version)
                {
                    throw new DbUpdateConcurrencyException();
                }

                state.Confirm(User.Identity!.Name!, clock.UtcNow);
                return l["Calendar.YearConfirmedFlash", year];
            }, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(DateOnly day, CancellationToken cancellationToken) =>
        this.Change(db.CalendarDays.Where(d => d.Day == day))
            .IgnoringInput()
            .Done(_ => RedirectToPage(new { year = day.Year }))
            .RunAsync(entry =>
            {
                db.CalendarDays.Remove(entry);
                return l["Dispatch.Calendar.Removed"];
            }, cancellationToken);

    private async Task LoadAsync(int year, CancellationToken cancellationToken)
    {
        Year = year;
        YearState = await db.CalendarYears.AsNoTracking().FirstOrDefaultAsync(y => y.Year == year, cancellationToken);
        var all = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        Days = [.. all.Where(d => d.Day.Year == year).OrderBy(d => d.Day)];
        WorkingCalendar calendar;
        try
        {
            calendar = CalendarDay.ToCalendar(all);
        }
        catch (DomainException)
        {
            calendar = WorkingCalendar.WeekendsOnly;
        }

        Months = [.. Enumerable.Range(1, 12).Select(m =>
        {
            var first = new DateOnly(year, m, 1);
            var days = Enumerable.Range(0, DateTime.DaysInMonth(year, m)).Select(first.AddDays).ToList();
            return new MonthView(m, days.Count(calendar.IsWorkingDay), Days.Count(d => d.Day.Month == m && d.Kind == CalendarDayKind.Holiday), Days.Count(d => d.Day.Month == m && d.Kind == CalendarDayKind.MakeUpWorkday));
        })];
        TotalWorkingDays = Months.Sum(m => m.WorkingDays);
    }
}
