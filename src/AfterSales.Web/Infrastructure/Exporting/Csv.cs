using System.Text;

namespace AfterSales.Web.Infrastructure.Exporting;

/// <summary>
/// The one CSV writer of the application: RFC 4180 quoting, formula-safe cells (<see cref="SpreadsheetText.Safe"/>),
/// CRLF line ends, UTF-8 with a byte order mark so that Excel reads Chinese correctly. Small reports encode their rows
/// at once (<see cref="Encode"/>); a long export writes them one by one to the response (<see cref="CsvStreamWriter"/>).
/// </summary>
public static class Csv
{
    /// <summary>One field of a text value, formula-safe and quoted when needed.</summary>
    public static string Field(string? value)
    {
        var safe = SpreadsheetText.Safe(value);
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>One line of text fields, without its line end.</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Field));

    public static byte[] Encode(IEnumerable<IEnumerable<string?>> rows) => EncodeLines(rows.Select(Line));

    /// <summary>Lines already made of CSV fields, each ended by CRLF, as UTF-8 with a byte order mark.</summary>
    public static byte[] EncodeLines(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}

/// <summary>Writes CSV lines to a stream as they come (asynchronously, a buffer of a few kilobytes at a time).</summary>
public sealed class CsvStreamWriter : IAsyncDisposable
{
    private readonly StreamWriter _writer;

    public CsvStreamWriter(Stream output)
    {
        // The byte order mark is written with the first line.
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
    }

    public async Task WriteRowAsync(IEnumerable<string?> cells, CancellationToken cancellationToken)
    {
        await _writer.WriteAsync(Csv.Line(cells).AsMemory(), cancellationToken);
        await _writer.WriteAsync("\r\n".AsMemory(), cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
