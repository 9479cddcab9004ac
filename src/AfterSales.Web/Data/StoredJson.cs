using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AfterSales.Web.Data;

/// <summary>
/// The shape of the value objects kept in jsonb columns: camelCase property names, enums by name (System.Text.Json's
/// web defaults). EF Core's own JSON mapping (complex types and collections with <c>ToJson()</c>) reads and writes
/// that shape (<see cref="UseStoredNames"/>); <see cref="Options"/> is the one serializer setting for the few writes
/// that go around EF (bulk seeding by COPY) and for the few values EF cannot map as complex types
/// (<see cref="Converter{T}"/>: a list of plain ids, a snapshot of nested read-only lists, values typed <c>object</c>).
/// </summary>
public static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    /// <summary>For a value EF cannot map as a complex type: the whole value as one jsonb text.</summary>
    public static ValueConverter<T, string> Converter<T>() => new(v => Serialize(v), s => Deserialize<T>(s));

    /// <summary>Compares such a value by its stored text, and snapshots it by a round trip, so changes inside it are seen.</summary>
    public static ValueComparer<T> Comparer<T>() => new(
        (a, b) => Serialize(a) == Serialize(b),
        v => Serialize(v).GetHashCode(StringComparison.Ordinal),
        v => Deserialize<T>(Serialize(v)));

    /// <summary>
    /// Names every property inside a JSON-mapped complex type (at any depth) as <see cref="Options"/> writes it
    /// (camelCase), so EF reads the rows written before it mapped them and writes rows the seeding writes alike.
    /// </summary>
    public static void UseStoredNames(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var complex in entity.GetComplexProperties().Where(c => c.ComplexType.IsMappedToJson()))
            {
                Name(complex.ComplexType);
            }
        }
    }

    private static void Name(IMutableComplexType type)
    {
        foreach (var property in type.GetProperties())
        {
            property.SetJsonPropertyName(Options.PropertyNamingPolicy!.ConvertName(property.Name));
        }

        foreach (var complex in type.GetComplexProperties())
        {
            complex.SetJsonPropertyName(Options.PropertyNamingPolicy!.ConvertName(complex.Name));
            Name(complex.ComplexType);
        }
    }
}
