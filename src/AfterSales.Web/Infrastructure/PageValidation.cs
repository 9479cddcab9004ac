using AfterSales.Web.Infrastructure.Changes;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Web.Infrastructure;

public static class PageValidation
{
    /// <summary>
    /// Runs a FluentValidation validator and puts its messages beside the fields (key = prefix + property).
    /// Valid only when model binding also succeeded (e.g. "abc" typed into a number field).
    /// A posted model is validated before the handler by <see cref="InputValidationFilter"/>: prefer
    /// <c>ModelState.IsValid</c>; this is for a model the filter has not seen (its messages are not repeated).
    /// </summary>
    public static bool Validate<T>(this PageModel page, IValidator<T> validator, T input, string prefix = "Input.")
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(validator);
        if (input is not null && InputValidationFilter.HasValidated(page.HttpContext, input))
        {
            return page.ModelState.IsValid;
        }

        var result = validator.Validate(input);
        foreach (var error in result.Errors)
        {
            page.ModelState.AddModelError(prefix + error.PropertyName, error.ErrorMessage);
        }

        return result.IsValid && page.ModelState.IsValid;
    }
}
