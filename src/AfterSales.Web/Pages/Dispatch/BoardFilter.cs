using System.Globalization;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Infrastructure.Dispatch;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>The dispatcher's board query string (all optional): which section, its filters and where its page starts.</summary>
public sealed record BoardFilter
{
    /// <summary>Longest text the ticket-number search accepts.</summary>
    public const int MaxSearchLength = 40;

    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    public string? View { get; init; }

    /// <summary>Product category code (chosen by name).</summary>
    public string? Cat { get; init; }

    public Urgency? Urgency { get; init; }

    public WarrantyStatus? Warranty { get; init; }

    /// <summary>Waiting at least this many days.</summary>
    public int? Age { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>Part of a ticket number.</summary>
    public string? Q { get; init; }

    /// <summary>Keyset cursor of the shown section: the last row of the previous page.</summary>
    public string? After { get; init; }

    /// <summary>Page number shown to the reader (the cursor does the work).</summary>
    public int? Page { get; init; }

    public bool HasFilters => Cat is not null || Urgency is not null || Warranty is not null || Age is not null || From is not null || To is not null || Q is not null;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public sealed class Validator : AbstractValidator<BoardFilter>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(f => f.Q).MaximumLength(MaxSearchLength).WithMessage(_ => l["Validation.TooLong", MaxSearchLength])
                .Must(q => q is null || !q.Any(char.IsControl)).WithMessage(_ => l["Board.BadText"]);
            RuleFor(f => f.Cat).MaximumLength(32).WithMessage(_ => l["Board.UnknownCategory"])
                .Must(c => c is null || !c.Any(char.IsControl)).WithMessage(_ => l["Board.UnknownCategory"]);
            RuleFor(f => f.Age).InclusiveBetween(0, 3650).WithMessage(_ => l["Board.AgeRange", 0, 3650]);
            RuleFor(f => f.From).InclusiveBetween(EarliestDate, LatestDate).WithMessage(_ => l["Board.DateRange", Day(EarliestDate), Day(LatestDate)]);
            RuleFor(f => f.To).InclusiveBetween(EarliestDate, LatestDate).WithMessage(_ => l["Board.DateRange", Day(EarliestDate), Day(LatestDate)])
                .Must((f, to) => f.From is null || to is null || to >= f.From).WithMessage(_ => l["Board.ToBeforeFrom"]);
            RuleFor(f => f.Page).InclusiveBetween(1, 1_000_000);
            RuleFor(f => f.After).MaximumLength(80);
            RuleFor(f => f.Urgency).IsInEnum();
            RuleFor(f => f.Warranty).IsInEnum();
        }
    }

    /// <summary>
    /// Keeps only the filters that make sense; the others are named in <paramref name="errors"/> (by field name,
    /// F.Q, F.From …, in the user's language) and left out. The binding errors are taken from <paramref name="modelState"/>, which is cleared.
    /// </summary>
    public static BoardFilter Clean(BoardFilter f, ModelStateDictionary modelState, IValidator<BoardFilter> validator, IReadOnlyList<CategoryName> categories, Dictionary<string, string> errors, IStringLocalizer<SharedResource> l)
    {
        foreach (var (key, entry) in modelState)
        {
            if (entry.Errors.Count > 0 && key is "F.From" or "F.To")
            {
                errors[key] = l["Validation.Date"];
            }
            else if (entry.Errors.Count > 0 && key is "F.Age")
            {
                errors[key] = l["Board.AgeRange", 0, 3650];
            }
        }

        modelState.Clear();
        f = f with
        {
            Q = string.IsNullOrWhiteSpace(f.Q) ? null : f.Q.Trim(),
            Cat = string.IsNullOrWhiteSpace(f.Cat) ? null : f.Cat.Trim(),
            After = string.IsNullOrWhiteSpace(f.After) ? null : f.After,
        };
        foreach (var error in validator.Validate(f).Errors)
        {
            errors.TryAdd("F." + error.PropertyName, error.ErrorMessage);
            f = error.PropertyName switch
            {
                nameof(Q) => f with { Q = null },
                nameof(Cat) => f with { Cat = null },
                nameof(Age) => f with { Age = null },
                nameof(From) => f with { From = null },
                nameof(To) => f with { To = null },
                nameof(Page) => f with { Page = null },
                nameof(After) => f with { After = null },
                nameof(Urgency) => f with { Urgency = null },
                nameof(Warranty) => f with { Warranty = null },
                _ => f,
            };
        }

        if (f.Cat is not null && categories.All(c => c.Code != f.Cat))
        {
            errors["F.Cat"] = l["Board.UnknownCategory"];
            f = f with { Cat = null };
        }

        if (f.Age == 0)
        {
            f = f with { Age = null };
        }

        return f;
    }
}
