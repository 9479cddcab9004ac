using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Web.Infrastructure.Pages;

/// <summary>
/// Runs the FluentValidation validator of every posted input model before a page handler, so the handler only asks
/// <c>ModelState.IsValid</c>. A model is a bound property (<c>[BindProperty] Command Input</c>) or a complex
/// handler argument whose type has an <see cref="IValidator{T}"/>; its messages go beside the fields (key = the
/// model's prefix + the property path, as typed in the form). Only forms that were posted are checked: a page with
/// several forms (the customer card's details, phone and unit) checks the one whose fields arrived. GET requests are
/// not validated (filters and lists check their own query).
/// </summary>
public sealed class InputValidationFilter : IAsyncPageFilter
{
    private static readonly object Validated = new();

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && context.HandlerInstance is PageModel page)
        {
            var posted = await PostedKeysAsync(request);
            foreach (var bound in context.ActionDescriptor.BoundProperties)
            {
                if (bound is Microsoft.AspNetCore.Mvc.Infrastructure.PageBoundPropertyDescriptor { Property: var property })
                {
                    await ValidateAsync(page, bound.BindingInfo?.BinderModelName ?? property.Name, property.GetValue(page), posted, context.HttpContext.RequestServices);
                }
            }

            foreach (var (name, value) in context.HandlerArguments)
            {
                await ValidateAsync(page, name, value, posted, context.HttpContext.RequestServices);
            }
        }

        await next();
    }

    /// <summary>True when the filter has already validated this very model (then <see cref="PageValidation"/> does not repeat its messages).</summary>
    public static bool HasValidated(HttpContext http, object model) =>
        http.Items.TryGetValue(Validated, out var seen) && seen is HashSet<object> models && models.Contains(model);

    private static async Task ValidateAsync(PageModel page, string name, object? model, HashSet<string> posted, IServiceProvider services)
    {
        if (model is null || model is string || model.GetType().IsValueType
            || services.GetService(typeof(IValidator<>).MakeGenericType(model.GetType())) is not IValidator validator
            || Prefix(name, posted) is not { } prefix)
        {
            return;
        }

        var result = await validator.ValidateAsync(new ValidationContext<object>(model), page.HttpContext.RequestAborted);
        foreach (var error in result.Errors)
        {
            page.ModelState.AddModelError(prefix + error.PropertyName, error.ErrorMessage);
        }

        var http = page.HttpContext;
        if (!http.Items.TryGetValue(Validated, out var seen) || seen is not HashSet<object> models)
        {
            models = new HashSet<object>(ReferenceEqualityComparer.Instance);
            http.Items[Validated] = models;
        }

        models.Add(model);
    }

    /// <summary>
    /// The prefix the model was posted under (<c>Input.</c>); "" for a model bound without one (<c>[BindProperty(Name = "")]</c>,
    /// as the sign-in form posts <c>UserName</c>); null when none of its fields was posted.
    /// </summary>
    private static string? Prefix(string name, HashSet<string> posted)
    {
        if (name.Length == 0)
        {
            return "";
        }

        return posted.Any(k => k.Length > name.Length && k.StartsWith(name, StringComparison.OrdinalIgnoreCase) && k[name.Length] is '.' or '[') ? name + "." : null;
    }

    private static async Task<HashSet<string>> PostedKeysAsync(HttpRequest request)
    {
        var keys = new HashSet<string>(request.Query.Keys, StringComparer.OrdinalIgnoreCase);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            keys.UnionWith(form.Keys);
        }

        return keys;
    }
}
