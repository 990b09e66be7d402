using System.Buffers.Binary;
using VaeLab.Reporting;

namespace VaeLab.Tests.Reporting;

public class FigurePngTests
{
    [Fact]
    public void A_figure_is_a_png_of_the_requested_size_with_its_pixels_drawn_and_no_temporary_file_left()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"vaelab-png-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "values.png");
            Figures.LogValues(path, [1.0, 0.5, 1e-3], 1e-2, "title", "index", "value", "values", "threshold");
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            Assert.Equal(720, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
            Assert.Equal(520, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
            Assert.True(bytes.Length > 5000, $"a drawn figure compresses to more than a blank one ({bytes.Length} bytes)");
            Assert.Equal(["values.png"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
