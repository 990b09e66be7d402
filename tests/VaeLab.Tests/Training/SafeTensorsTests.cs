using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using VaeLab.Models;
using VaeLab.Random;
using VaeLab.Training;

namespace VaeLab.Tests.Training;

public class SafeTensorsTests
{
    [Fact]
    public void Round_trip_restores_every_tensor_and_header_is_valid_safetensors()
    {
        var arch = new VaeArchitecture(5, 3, [4], DecoderKind.Mlp, [4], EncoderVarianceKind.Amortized, DecoderVarianceKind.Scaled, -1, true);
        var a = new Vae(arch, 2, new Xoshiro256StarStar(1));
        var b = new Vae(arch, 2, new Xoshiro256StarStar(2));
        string path = Path.Combine(Path.GetTempPath(), $"vaelab-st-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Write(path, a.Parameters, new Dictionary<string, string> { ["k"] = "v" });
            var meta = SafeTensors.Read(path, b.Parameters);
            Assert.Equal(a.Parameters.Values, b.Parameters.Values);
            Assert.Equal("v", meta["k"]);
            byte[] bytes = File.ReadAllBytes(path);
            ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n))!.AsObject();
            var w = header["encoder.trunk.0.weight"]!;
            Assert.Equal("F32", (string?)w["dtype"]);
            Assert.Equal(new[] { 5, 4 }, w["shape"]!.AsArray().Select(v => (int)v!));
            Assert.Equal(0, (int)n % 8);
            Assert.Equal(8 + (long)n + 4L * a.Parameters.Count, bytes.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Truncated_file_is_a_clear_error()
    {
        string path = Path.Combine(Path.GetTempPath(), $"vaelab-st-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        try
        {
            var store = new ParameterStore();
            var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path, store));
            Assert.Contains("not a safetensors file", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
