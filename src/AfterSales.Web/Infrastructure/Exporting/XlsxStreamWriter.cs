using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace AfterSales.Web.Infrastructure.Exporting;

/// <summary>
/// Writes one worksheet of an Excel workbook (.xlsx) row by row to a stream that only takes asynchronous writes (an HTTP
/// response), without holding the rows: each row is compressed into a small buffer, and the buffer is handed to the
/// output whenever it holds <see cref="ChunkSize"/> bytes. Memory stays at a few hundred kilobytes whatever the number of
/// rows, and the download starts with the first rows. Text cells are inline strings, formula-safe
/// (<see cref="SpreadsheetText.Safe"/>); instants are real Excel dates; the header row is bold and frozen.
/// (MiniExcel, which the monthly tally export uses, pulls its rows synchronously and writes its zip synchronously, which
/// an ASP.NET Core response refuses; this writer awaits between rows instead.)
/// </summary>
public sealed class XlsxStreamWriter : IAsyncDisposable
{
    /// <summary>Bytes gathered before they are sent on.</summary>
    public const int ChunkSize = 64 * 1024;

    private readonly Stream _output;
    private readonly ChunkBuffer _buffer = new();
    private readonly ZipArchive _zip;
    private readonly StreamWriter _sheet;
    private readonly StringBuilder _row = new();
    private int _rowNumber;
    private bool _completed;

    private XlsxStreamWriter(Stream output, string sheetName, IReadOnlyList<string> headers)
    {
        _output = output;
        _zip = new ZipArchive(_buffer, ZipArchiveMode.Create, leaveOpen: true);
        Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""");
        Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Part("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\""
            + Xml(SheetName(sheetName)) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");

        // Styles: 0 plain, 1 date and time, 2 bold (the header).
        Part("xl/styles.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""");

        var entry = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        _sheet = new StreamWriter(entry.Open(), new UTF8Encoding(false), bufferSize: 8 * 1024);
        _sheet.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15\"/><cols><col min=\"1\" max=\"" + headers.Count.ToString(CultureInfo.InvariantCulture) + "\" width=\"16\" customWidth=\"1\"/></cols><sheetData>");
        WriteRow(headers.Cast<object?>().ToList(), style: 2);
    }

    /// <summary>Rows written so far, the header included.</summary>
    public int RowCount => _rowNumber;

    /// <summary>The most bytes held at once before being sent on (for tests and logs).</summary>
    public long MostBuffered => _buffer.MostHeld;

    /// <summary>Starts a workbook with one sheet and its header row.</summary>
    public static async Task<XlsxStreamWriter> CreateAsync(Stream output, string sheetName, IReadOnlyList<string> headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(headers);
        var writer = new XlsxStreamWriter(output, sheetName, headers);
        await writer.SendAsync(force: true, cancellationToken);
        return writer;
    }

    /// <summary>One row: strings (formula-safe), DateTime (as an Excel date), numbers, or null (an empty cell).</summary>
    public Task WriteRowAsync(IReadOnlyList<object?> cells, CancellationToken cancellationToken)
    {
        WriteRow(cells, style: 0);
        return SendAsync(force: false, cancellationToken);
    }

    /// <summary>Closes the sheet and the workbook and sends the rest.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _sheet.Write("</sheetData></worksheet>");
        _sheet.Dispose();
        _zip.Dispose();
        _completed = true;
        await SendAsync(force: true, cancellationToken);
        await _output.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            // An interrupted export (the client went away): release the compressor, send nothing more.
            _completed = true;
            await _sheet.DisposeAsync();
            _zip.Dispose();
        }

        await _buffer.DisposeAsync();
    }

    private void WriteRow(IReadOnlyList<object?> cells, int style)
    {
        _rowNumber++;
        var r = _rowNumber.ToString(CultureInfo.InvariantCulture);
        _row.Clear().Append("<row r=\"").Append(r).Append("\">");
        for (var i = 0; i < cells.Count; i++)
        {
            var reference = Column(i) + r;
            switch (cells[i])
            {
                case null:
                    break;
                case DateTime date:
                    _row.Append("<c r=\"").Append(reference).Append("\" s=\"1\"><v>").Append(date.ToOADate().ToString("R", CultureInfo.InvariantCulture)).Append("</v></c>");
                    break;
                case IFormattable number:
                    _row.Append("<c r=\"").Append(reference).Append("\"><v>").Append(number.ToString(null, CultureInfo.InvariantCulture)).Append("</v></c>");
                    break;
                case var value:
                    _row.Append("<c r=\"").Append(reference).Append('"').Append(style == 0 ? "" : " s=\"" + style.ToString(CultureInfo.InvariantCulture) + "\"")
                        .Append(" t=\"inlineStr\"><is><t xml:space=\"preserve\">").Append(Xml(SpreadsheetText.Safe(value.ToString()))).Append("</t></is></c>");
                    break;
            }
        }

        _row.Append("</row>");
        _sheet.Write(_row);
    }

    private async Task SendAsync(bool force, CancellationToken cancellationToken)
    {
        if (force || _buffer.Length >= ChunkSize)
        {
            await _buffer.DrainToAsync(_output, cancellationToken);
        }
    }

    private void Part(string name, string content)
    {
        var entry = _zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
    }

    /// <summary>A, B, … Z, AA, AB …</summary>
    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>XML text: escaped, and characters XML cannot carry (other control characters, broken surrogates) replaced by U+FFFD.</summary>
    private static string Xml(string text)
    {
        var escaped = SecurityElement.Escape(text);
        var clean = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (char.IsHighSurrogate(c) && i + 1 < escaped.Length && char.IsLowSurrogate(escaped[i + 1]))
            {
                clean.Append(c).Append(escaped[++i]);
            }
            else if (System.Xml.XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
            else
            {
                clean.Append('\uFFFD');
            }
        }

        return clean.ToString();
    }

    /// <summary>Excel's sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(31, clean.Length)];
    }

    /// <summary>A write-only stream that keeps what the zip writes until it is sent on, then forgets it.</summary>
    private sealed class ChunkBuffer : Stream
    {
        private readonly MemoryStream _held = new();

        public long MostHeld { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _held.Length;

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _held.Write(buffer);
            MostHeld = Math.Max(MostHeld, _held.Length);
        }

        public async Task DrainToAsync(Stream output, CancellationToken cancellationToken)
        {
            if (_held.Length == 0)
            {
                return;
            }

            await output.WriteAsync(_held.GetBuffer().AsMemory(0, (int)_held.Length), cancellationToken);
            _held.SetLength(0);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _held.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
