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
            int[] shape = entry["shape"]!.AsArray().Select(s => (int)s!).ToArray();
            if (!shape.SequenceEqual(t.Shape) || (string?)entry["dtype"] != "F32")
                throw new InvalidDataException($"'{path}': tensor '{t.Name}' is {entry["dtype"]} [{string.Join(",", shape)}], expected F32 [{string.Join(",", t.Shape)}].");
            long begin = (long)entry["data_offsets"]![0]!;
            if (dataStart + begin + 4L * t.Length > bytes.Length) throw new InvalidDataException($"'{path}': tensor '{t.Name}' runs past the end of the file.");
            MemoryMarshal.Cast<byte, float>(bytes.AsSpan(dataStart + (int)begin, 4 * t.Length)).CopyTo(store.Value(t));
        }
        var metadata = new Dictionary<string, string>();
        if (header["__metadata__"] is JsonObject m)
            foreach (var (k, v) in m) metadata[k] = (string?)v ?? "";
        return metadata;
    }
}
