using VaeLab.Core;

namespace VaeLab.Training;

/// <summary>
/// Binary checkpoint of a <see cref="TrainerState"/>: "VLCK", version 1, then every field length-prefixed,
/// little-endian. Written to a temporary file and renamed, so a kill leaves the previous checkpoint intact.
/// </summary>
public static class Checkpoint
{
    private const int Version = 1;

    public static void Write(string path, TrainerState s) => AtomicFile.Write(path, stream =>
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
    });

    public static TrainerState Read(string path)
    {
        try
        {
            using var r = new BinaryReader(File.OpenRead(path));
            if (!r.ReadBytes(4).AsSpan().SequenceEqual("VLCK"u8) || r.ReadInt32() != Version)
                throw new InvalidDataException($"'{path}' is not a VaeLab checkpoint (version {Version}).");
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
            int[]? order = orderLength < 0 ? null : new int[orderLength];
            for (int i = 0; i < orderLength; i++) order![i] = r.ReadInt32();
            var batch = Floats(r);
            double[] window = [r.ReadDouble(), r.ReadDouble(), r.ReadDouble()];
            int windowCount = r.ReadInt32();
            var lengths = new long[Count(r, 16)];
            for (int i = 0; i < lengths.Length; i++) lengths[i] = r.ReadInt64();
            return new TrainerState(step, parameters, optimizer, rngs[0], rngs[1], rngs[2], cursor, order, batch, window, windowCount) { LogLengths = lengths };
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"'{path}' is a truncated checkpoint.");
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
        if (n < 0 || n > max) throw new InvalidDataException($"corrupt checkpoint: a length of {n}.");
        return n;
    }
}
