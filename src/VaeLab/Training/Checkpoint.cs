using VaeLab.Core;

namespace VaeLab.Training;

/// <summary>
/// Binary checkpoint of a <see cref="TrainerState"/>: "VLCK", version 2, then every field length-prefixed,
/// little-endian, the config hash, and last the SHA-256 of all bytes before it: any flipped byte is detected.
/// Written to a temporary file and renamed, so a kill leaves the previous checkpoint intact. Version 1 files
/// (no config hash, no checksum) are still read.
/// </summary>
public static class Checkpoint
{
    private const int Version = 2;

    /// <summary>Writes <paramref name="s"/> to <paramref name="path"/> atomically, followed by the SHA-256 of what precedes it.</summary>
    public static void Write(string path, TrainerState s)
    {
        var body = new MemoryStream();
        WriteBody(body, s);
        byte[] hash = System.Security.Cryptography.SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
        AtomicFile.Write(path, stream =>
        {
            stream.Write(body.GetBuffer(), 0, (int)body.Length);
            stream.Write(hash);
        });
    }

    private static void WriteBody(Stream stream, TrainerState s)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write("VLCK"u8);
        w.Write(Version);
        w.Write(s.Step);
        Floats(w, s.Parameters);
        w.Write(s.Optimizer.Length);
        foreach (var a in s.Optimizer) Floats(w, a);
        foreach (var rng in new[] { s.DataRng, s.NoiseRng, s.ShuffleRng })
        {
            w.Write(rng.Length);
            foreach (ulong v in rng) w.Write(v);
        }
        w.Write(s.Cursor);
        w.Write(s.Order?.Length ?? -1);
        foreach (int v in s.Order ?? []) w.Write(v);
        Floats(w, s.Batch);
        foreach (double v in s.Window) w.Write(v);
        w.Write(s.WindowCount);
        w.Write(s.LogLengths.Length);
        foreach (long v in s.LogLengths) w.Write(v);
        w.Write(s.ConfigHash);
    }

    /// <summary>Reads and verifies a checkpoint; a truncated, corrupted or foreign file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static TrainerState Read(string path)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(path)) throw new InvalidDataException($"checkpoint '{path}' is a folder, not a file.");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"cannot read checkpoint '{path}': {e.Message}");
        }
        try
        {
            int version = bytes.Length >= 8 && bytes.AsSpan(0, 4).SequenceEqual("VLCK"u8) ? BitConverter.ToInt32(bytes, 4) : 0;
            if (version is not (1 or 2))
                throw new InvalidDataException($"'{path}' is not a VaeLab checkpoint (version 1 or {Version}).");
            int length = bytes.Length;
            if (version == 2)
            {
                if (bytes.Length < 40 || !System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
                    throw new InvalidDataException($"checkpoint '{path}' is corrupted (its SHA-256 checksum does not match); it was not used. Start the run again in a new --out folder.");
                length -= 32;
            }
            using var r = new BinaryReader(new MemoryStream(bytes, 8, length - 8));
            long step = r.ReadInt64();
            var parameters = Floats(r);
            var optimizer = new float[Count(r, 16)][];
            for (int i = 0; i < optimizer.Length; i++) optimizer[i] = Floats(r);
            var rngs = new ulong[3][];
            for (int k = 0; k < 3; k++)
            {
                rngs[k] = new ulong[Count(r, 64)];
                for (int i = 0; i < rngs[k].Length; i++) rngs[k][i] = r.ReadUInt64();
            }
            int cursor = r.ReadInt32();
            int orderLength = r.ReadInt32();
            if (orderLength < -1 || orderLength > 1 << 28) throw new InvalidDataException($"corrupt checkpoint '{path}': an order length of {orderLength}.");
            int[]? order = orderLength < 0 ? null : new int[orderLength];
            for (int i = 0; i < orderLength; i++) order![i] = r.ReadInt32();
            var batch = Floats(r);
            double[] window = [r.ReadDouble(), r.ReadDouble(), r.ReadDouble()];
            int windowCount = r.ReadInt32();
            var lengths = new long[Count(r, 16)];
            for (int i = 0; i < lengths.Length; i++)
                if ((lengths[i] = r.ReadInt64()) < 0) throw new InvalidDataException($"corrupt checkpoint '{path}': a log length of {lengths[i]}.");
            string configHash = version == 2 ? r.ReadString() : "";
            if (step < 0 || cursor < 0 || (order != null && cursor > order.Length) || windowCount < 0)
                throw new InvalidDataException($"corrupt checkpoint '{path}': step {step}, cursor {cursor}, window {windowCount}.");
            return new TrainerState(step, parameters, optimizer, rngs[0], rngs[1], rngs[2], cursor, order, batch, window, windowCount) { LogLengths = lengths, ConfigHash = configHash };
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"'{path}' is a truncated checkpoint.");
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"corrupt checkpoint '{path}': {e.Message}");
        }
    }

    private static void Floats(BinaryWriter w, float[] a)
    {
        w.Write(a.Length);
        foreach (float v in a) w.Write(v);
    }

    private static float[] Floats(BinaryReader r)
    {
        var a = new float[Count(r, 1 << 28)];
        for (int i = 0; i < a.Length; i++) a[i] = r.ReadSingle();
        return a;
    }

    private static int Count(BinaryReader r, int max)
    {
        int n = r.ReadInt32();
        if (n < 0 || n > max || n > r.BaseStream.Length - r.BaseStream.Position) throw new InvalidDataException($"corrupt checkpoint: a length of {n}.");
        return n;
    }
}
