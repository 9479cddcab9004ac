using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Web.Infrastructure.Changes;

/// <summary>
/// Runs the FluentValidation validator of every posted input model before a page handler, so the handler only asks
/// <c>ModelState.IsValid</c>. A model is a bound property (<c>[BindProperty] Command Input</c>) or a complex
/// handler argument whose type has an <see cref="IValidator{T}"/>; its messages go beside the fields (key = the
/// model's prefix + the property path, as typed in the form). Only forms that were posted are checked: a page with
/// several forms (the customer card's details, phone and unit) checks the one whose fields arrived. GET requests are
/// not validated (filters and lists check their own query). A validator whose rules depend on which button was
/// pressed reads the handler's name with <see cref="HandlerOf"/> (<c>When((c, context) =&gt; HandlerOf(context) == "Act")</c>).
/// </summary>
public sealed class InputValidationFilter : IAsyncPageFilter
{
    private static readonly object Validated = new();
    private const string HandlerKey = "Handler";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && context.HandlerInstance is PageModel page)
        {
            var posted = await PostedKeysAsync(request);
            var services = context.HttpContext.RequestServices;
            var forms = context.ActionDescriptor.BoundProperties
                .OfType<Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageBoundPropertyDescriptor>()
                .Where(bound => IsValidated(bound.Property.PropertyType, services))
                .ToList();

            // The handler's own form ([ValidatesForm]) is always checked; so is a page's one form when the post carries no
            // field at all (nothing but the antiforgery token): a missing form is refused, not taken as empty.
            // A form the handler reads as another input ([ReadsFormAs]) is not checked as itself: the handler checks what it reads.
            var own = context.HandlerMethod?.MethodInfo.GetCustomAttribute<ValidatesFormAttribute>()?.Property;
            var readAs = context.HandlerMethod?.MethodInfo.GetCustomAttribute<ReadsFormAsAttribute>();
            var nothingPosted = forms.Count == 1 && posted.All(k => k is "__RequestVerificationToken" or "handler" or "culture" or "ui-culture");
            foreach (var bound in forms)
            {
                var name = bound.BindingInfo?.BinderModelName ?? bound.Property.Name;
                if (readAs?.Property == bound.Property.Name)
                {
                    ForgetBindingErrors(page, name);
                    continue;
                }

                var prefix = nothingPosted || bound.Property.Name == own ? Prefix(name, [name + "."]) : null;
                await ValidateAsync(page, name, prefix, bound.Property.GetValue(page), posted, context.HandlerMethod?.Name);
            }

            foreach (var (name, value) in context.HandlerArguments)
            {
                await ValidateAsync(page, name, null, value, posted, context.HandlerMethod?.Name);
            }
        }

        await next();
    }

    /// <summary>A form read as another input: what failed to bind as this form is not an error of the input the handler reads (it checks that itself).</summary>
    private static void ForgetBindingErrors(PageModel page, string name)
    {
        foreach (var key in page.ModelState.Keys.Where(k => name.Length == 0 || (k.Length > name.Length && k.StartsWith(name, StringComparison.OrdinalIgnoreCase) && k[name.Length] is '.' or '[')).ToList())
        {
            page.ModelState.Remove(key);
        }
    }

    /// <summary>True when the filter has already validated this very model (then <see cref="PageValidation"/> does not repeat its messages).</summary>
    public static bool HasValidated(HttpContext http, object model) =>
        http.Items.TryGetValue(Validated, out var seen) && seen is HashSet<object> models && models.Contains(model);

    /// <summary>The name of the page handler the input was posted to (<c>Act</c> for <c>OnPostActAsync</c>), or null outside the filter.</summary>
    public static string? HandlerOf(IValidationContext context) =>
        context is not null && context.RootContextData.TryGetValue(HandlerKey, out var handler) ? handler as string : null;

    private static bool IsValidated(Type type, IServiceProvider services) =>
        type != typeof(string) && !type.IsValueType && services.GetService(typeof(IValidator<>).MakeGenericType(type)) is not null;

    /// <summary>Validates <paramref name="model"/> when it was posted (or unconditionally under <paramref name="prefix"/> when given).</summary>
    private static async Task ValidateAsync(PageModel page, string name, string? prefix, object? model, HashSet<string> posted, string? handler)
    {
        var services = page.HttpContext.RequestServices;
        if (model is null || !IsValidated(model.GetType(), services)
            || services.GetRequiredService(typeof(IValidator<>).MakeGenericType(model.GetType())) is not IValidator validator)
        {
            return;
        }

        prefix ??= Prefix(name, posted);
        if (prefix is null)
        {
            return;
        }

        var validation = new ValidationContext<object>(model);
        validation.RootContextData[HandlerKey] = handler ?? "";
        var result = await validator.ValidateAsync(validation, page.HttpContext.RequestAborted);
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

/// <summary>
/// Names the bound form a handler acts on, on a page with several (<c>[ValidatesForm(nameof(NewPhone))]</c>): the
/// <see cref="InputValidationFilter"/> checks it even when none of its fields was posted.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ValidatesFormAttribute(string property) : Attribute
{
    public string Property { get; } = property;
}

/// <summary>
/// Names a bound form a handler reads as another input (<c>[ReadsFormAs(nameof(Input), typeof(RepeatCallCommand))]</c>:
/// the call intake's fields read as a repeat call on an open ticket): the <see cref="InputValidationFilter"/> does not
/// check the form as itself, nor keep its binding errors; the handler checks the input it builds with that input's
/// validator, so its messages are the only ones shown.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ReadsFormAsAttribute(string property, Type input) : Attribute
{
    public string Property { get; } = property;

    /// <summary>The input the handler builds from the form's fields and validates itself.</summary>
    public Type Input { get; } = input;
}
