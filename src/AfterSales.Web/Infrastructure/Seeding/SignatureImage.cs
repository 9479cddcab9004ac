using System.Buffers.Binary;
using System.IO.Compression;

namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>A small grey-scale PNG of a handwritten-looking stroke, standing in for seeded customers' signatures.</summary>
public static class SignatureImage
{
    public static byte[] Create(int seed)
    {
        const int width = 160, height = 48;
        var random = new Random(seed);
        var pixels = new byte[height, width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[y, x] = 255;
            }
        }

        // A wavy pen stroke across the box.
        double phase = random.NextDouble() * 6, amplitude = 8 + random.NextDouble() * 8, frequency = 0.08 + random.NextDouble() * 0.08;
        for (var x = 8; x < width - 8; x++)
        {
            var y = (int)(height / 2 + amplitude * Math.Sin(phase + x * frequency));
            for (var dy = -1; dy <= 1; dy++)
            {
                pixels[Math.Clamp(y + dy, 0, height - 1), x] = 20;
            }
        }

        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte(pixels[y, x]);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // grey-scale
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw.ToArray());
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    /// <summary>The CRC-32 PNG chunks carry (polynomial 0xEDB88320).</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
