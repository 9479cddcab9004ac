using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Web.Infrastructure;

public static class PageValidation
{
    /// <summary>
    /// Runs a FluentValidation validator and puts its messages beside the fields (key = prefix + property).
    /// Valid only when model binding also succeeded (e.g. "abc" typed into a number field).
    /// </summary>
    public static bool Validate<T>(this PageModel page, IValidator<T> validator, T input, string prefix = "Input.")
    {
        var result = validator.Validate(input);
        foreach (var error in result.Errors)
        {
            page.ModelState.AddModelError(prefix + error.PropertyName, error.ErrorMessage);
        }

        return result.IsValid && page.ModelState.IsValid;
    }
}
