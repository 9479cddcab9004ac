using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AfterSales.Domain;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Infrastructure;

/// <summary>
/// Shows a <see cref="DomainMessage"/> in the reader's language (resource <c>Domain.{code}</c>, formatted in the
/// request culture, so <c>{1:MMMM}</c> is "April" in English and <c>{1:%M} 月</c> reads 4 月). A message kept in a
/// text column is stored as JSON (<c>{"code":…,"args":[…]}</c>) and translated when shown; text that is not such
/// JSON (typed by a person, or written before messages were coded) is shown as it is.
/// </summary>
public static class MessageText
{
    private const string Marker = "{\"code\":";

    // Chinese stays readable (and short) in the column; the text is HTML-encoded where it is shown.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(this IStringLocalizer l, DomainMessage message)
    {
        var separator = l["Domain." + message.Code + ".separator"] is { ResourceNotFound: false } own ? own.Value : l["Domain." + MessageCodes.ListSeparator].Value;
        var args = message.Args.Select(a => Arg(l, a, separator)).ToArray();
        var text = l["Domain." + message.Code, args];
        return text.ResourceNotFound ? message.Text : text.Value;
    }

    /// <summary>A stored text in the reader's language: a coded message translated, anything else as it is.</summary>
    public static string Show(this IStringLocalizer l, string? stored) =>
        stored is null ? "" : Decode(stored) is { } message ? l.Render(message) : stored;

    public static bool IsCoded(string? stored) => stored is not null && Decode(stored) is not null;

    public static string Encode(DomainMessage message) => ToNode(message).ToJsonString(Json);

    public static DomainMessage? Decode(string stored)
    {
        if (!stored.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(stored) is JsonObject o ? FromObject(o) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A list argument is joined by the message's own separator (resource <c>Domain.{code}.separator</c>) or the common one.</summary>
    private static object Arg(IStringLocalizer l, object arg, string separator) => arg switch
    {
        DomainMessage m => l.Render(m),
        string s => s,
        IEnumerable items => string.Join(separator, items.Cast<object>().Select(i => Arg(l, i, separator))),
        _ => arg,
    };

    private static JsonObject ToNode(DomainMessage message) => new()
    {
        ["code"] = message.Code,
        ["args"] = new JsonArray([.. message.Args.Select(ToValue)]),
    };

    private static JsonNode? ToValue(object arg) => arg switch
    {
        DomainMessage m => ToNode(m),
        string s => JsonValue.Create(s),
        DateOnly d => new JsonObject { ["d"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        int i => JsonValue.Create(i),
        long n => JsonValue.Create(n),
        decimal m => JsonValue.Create(m),
        double x => JsonValue.Create(x),
        IEnumerable items => new JsonArray([.. items.Cast<object>().Select(ToValue)]),
        _ => JsonValue.Create(Convert.ToString(arg, CultureInfo.InvariantCulture)),
    };

    private static DomainMessage? FromObject(JsonObject o)
    {
        if (o["code"] is not JsonValue code || code.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var args = o["args"] is JsonArray a ? a.Select(FromValue).ToArray() : [];
        var name = code.GetValue<string>();
        return new DomainMessage(name, args, name);
    }

    private static object FromValue(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => a.Select(FromValue).ToList(),
        JsonObject o when o["d"] is JsonValue d => DateOnly.ParseExact(d.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonObject o => (object?)FromObject(o) ?? "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString().Contains('.', StringComparison.Ordinal) || v.ToJsonString().Contains('e', StringComparison.OrdinalIgnoreCase) ? v.GetValue<decimal>() : v.GetValue<long>(),
        JsonValue v => v.ToJsonString(),
        _ => "",
    };
}
