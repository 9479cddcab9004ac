using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Infrastructure.Security;

/// <summary>
/// One input policy for every form field, query parameter and route value the app binds:
/// <list type="bullet">
/// <item>text may not hold control characters (NUL, bell, escape, DEL, C1; tab and line breaks are fine), bidirectional
/// overrides or isolates (U+202A–U+202E, U+2066–U+2069: they make "exe.txt" read as "txt.exe"), or broken UTF-16;</item>
/// <item>a date must lie between <see cref="EarliestDate"/> and <see cref="LatestDate"/>: outside, no date arithmetic,
/// time-zone conversion or PostgreSQL column can be trusted with it.</item>
/// </list>
/// The binder (<see cref="InputPolicyBinderProvider"/>) puts the message beside the field in the user's language and
/// notes it for the page (<see cref="Refusals"/>, shown once at the top by the layout); a refused date is not bound at all.
/// <see cref="RefusedInputGuard"/> then makes sure refused text never reaches the database, whatever a page does.
/// </summary>
public static class InputPolicy
{
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    private const string ItemsKey = "AfterSales.InputRefused";

    public static bool IsRefused(char c) => c switch
    {
        '\t' or '\n' or '\r' => false,
        < ' ' => true,
        >= '\u007F' and <= '\u009F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };

    /// <summary>True when <paramref name="text"/> holds a character the policy refuses, or a lone surrogate.</summary>
    public static bool Refuses(string? text)
    {
        if (text is null)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsRefused(c))
            {
                return true;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    public static bool InRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>The messages of what this request's input policy refused, each once, in the user's language.</summary>
    public static IReadOnlyList<string> Refusals(HttpContext context) =>
        context.Items.TryGetValue(ItemsKey, out var value) && value is List<string> list ? list : [];

    internal static void Note(HttpContext context, string message)
    {
        if (!context.Items.TryGetValue(ItemsKey, out var value) || value is not List<string> list)
        {
            list = [];
            context.Items[ItemsKey] = list;
        }

        if (!list.Contains(message, StringComparer.Ordinal))
        {
            list.Add(message);
        }
    }
}

/// <summary>Wraps the framework's binder of every text and date value bound from a form, a query or a route.</summary>
public sealed class InputPolicyBinderProvider(IList<IModelBinderProvider> providers) : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        if (type != typeof(string) && type != typeof(DateOnly) && type != typeof(DateTime) && type != typeof(DateTimeOffset))
        {
            return null;
        }

        var source = context.BindingInfo.BindingSource;
        if (context.BindingInfo.BinderType is not null
            || (source is not null && source != BindingSource.Query && source != BindingSource.Form && source != BindingSource.Path && source != BindingSource.ModelBinding))
        {
            return null;
        }

        foreach (var provider in providers)
        {
            if (provider is InputPolicyBinderProvider)
            {
                continue;
            }

            if (provider.GetBinder(context) is { } inner)
            {
                return new InputPolicyBinder(inner);
            }
        }

        return null;
    }
}

public sealed class InputPolicyBinder(IModelBinder inner) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        await inner.BindModelAsync(bindingContext);
        if (!bindingContext.Result.IsModelSet || bindingContext.Result.Model is not { } value)
        {
            return;
        }

        var date = value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
            _ => (DateOnly?)null,
        };
        var http = bindingContext.HttpContext;
        if (date is { } day && !InputPolicy.InRange(day))
        {
            var message = Localizer(http)["Validation.DateOutOfRange", InputPolicy.EarliestDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), InputPolicy.LatestDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)].Value;
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, message);
            bindingContext.Result = ModelBindingResult.Failed();
            InputPolicy.Note(http, message);
        }
        else if (value is string text && InputPolicy.Refuses(text))
        {
            // The value stays bound so the form shows what was typed; the page's own check (ModelState) refuses it.
            var message = Localizer(http)["Validation.ControlChars"].Value;
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, message);
            InputPolicy.Note(http, message);
        }
    }

    private static IStringLocalizer Localizer(HttpContext http) =>
        http.RequestServices.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SharedResource));
}

/// <summary>The error page answers a failed request without reading its body again.</summary>
public static class ErrorReExecution
{
    /// <summary>
    /// Right after the status-code and exception handlers: their re-execution of <c>/Error</c> keeps the failed request's
    /// method and body, and a form the framework could not read (the very reason for a 400) would fail the error page
    /// too, turning the 400 into a 500. The error page runs as a GET with no body instead, keeping the original status.
    /// </summary>
    public static void UseErrorPageWithoutBody(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.ContentType = null;
            context.Request.ContentLength = 0;
            context.Request.Body = Stream.Null;
        }

        return next(context);
    });
}
