using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VaeLab.Core;
using VaeLab.Models;

namespace VaeLab.Training;

/// <summary>
/// The safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a JSON header
/// mapping tensor names to dtype, shape and byte offsets (plus "__metadata__" strings), then raw
/// little-endian data. Python loads it with <c>safetensors.numpy.load_file</c>.
/// </summary>
public static class SafeTensors
{
    /// <summary>Writes every tensor of <paramref name="store"/> as F32, with string metadata. Atomic: temp file then rename.</summary>
    public static void Write(string path, ParameterStore store, IReadOnlyDictionary<string, string> metadata)
    {
        var header = new JsonObject();
        var meta = new JsonObject();
        foreach (var (k, v) in metadata) meta[k] = v;
        header["__metadata__"] = meta;
        long offset = 0;
        foreach (var t in store.Tensors)
        {
            long bytes = 4L * t.Length;
            header[t.Name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(t.Shape.Select(s => (JsonNode)s).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (headerBytes.Length + 7) & ~7;
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(headerBytes);
            for (int i = headerBytes.Length; i < padded; i++) stream.WriteByte((byte)' ');
            foreach (var t in store.Tensors) stream.Write(MemoryMarshal.AsBytes(store.Value(t)));
        });
    }

    /// <summary>Reads tensors by name into <paramref name="store"/>; every tensor of the store must be present with its shape.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path, ParameterStore store)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"'{path}' is missing: the run folder is incomplete; train the run again.");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw new InvalidDataException($"'{path}' is not a safetensors file: it is {bytes.Length} bytes long.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8)) throw new InvalidDataException($"'{path}' is not a safetensors file: header length {headerLength} exceeds the file.");
        JsonObject header;
        try
        {
            header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength))!.AsObject();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidDataException($"'{path}' has an unreadable safetensors header: {e.Message.Split('\n')[0]}");
        }
        int dataStart = 8 + (int)headerLength;
        foreach (var t in store.Tensors)
        {
            if (header[t.Name] is not JsonObject entry) throw new InvalidDataException($"'{path}' lacks tensor '{t.Name}'.");
            int[] shape = entry["shape"] is JsonArray dims && dims.All(d => d is JsonValue v && v.TryGetValue(out int x) && x >= 0)
                ? dims.Select(d => d!.GetValue<int>()).ToArray()
                : throw new InvalidDataException($"'{path}': tensor '{t.Name}' has no valid \"shape\" (an array of non-negative integers).");
            string? dtype = entry["dtype"] is JsonValue dv && dv.TryGetValue(out string? ds) ? ds : null;
            if (!shape.SequenceEqual(t.Shape) || dtype != "F32")
                throw new InvalidDataException($"'{path}': tensor '{t.Name}' is {dtype ?? "of no dtype"} [{string.Join(",", shape)}], expected F32 [{string.Join(",", t.Shape)}].");
            if (entry["data_offsets"] is not JsonArray { Count: 2 } offsets || offsets[0] is not JsonValue b0 || !b0.TryGetValue(out long begin)
                || offsets[1] is not JsonValue e0 || !e0.TryGetValue(out long end))
                throw new InvalidDataException($"'{path}': tensor '{t.Name}' has no valid \"data_offsets\" (two integers [begin, end]).");
            if (begin < 0 || end != begin + 4L * t.Length || dataStart + end > bytes.Length)
                throw new InvalidDataException($"'{path}': tensor '{t.Name}' has data_offsets [{begin}, {end}] outside the data ({bytes.Length - dataStart} bytes) or of the wrong length.");
            var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(dataStart + (int)begin, 4 * t.Length));
            // A model with NaN or infinite weights would give NaN samples and diagnostics without a word: refuse it.
            foreach (float v in values)
                if (!float.IsFinite(v))
                    throw new InvalidDataException($"'{path}': tensor '{t.Name}' holds NaN or infinite values; the model is unusable, train it again.");
            values.CopyTo(store.Value(t));
        }
        var metadata = new Dictionary<string, string>();
        if (header["__metadata__"] is JsonObject m)
            foreach (var (k, v) in m)
                metadata[k] = v is JsonValue sv && sv.TryGetValue(out string? text) ? text
                    : throw new InvalidDataException($"'{path}': metadata \"{k}\" is not a string (the safetensors format allows strings only).");
        return metadata;
    }
}
