using VaeLab.Random;

namespace VaeLab.Models;

/// <summary>
/// One contiguous float buffer of parameters and one of gradients. Layers register named tensors while
/// the model is built, then <see cref="Allocate"/> creates both buffers once; layers read their slices
/// by offset. ZeroGrad is one Clear, an optimiser step is one flat loop, a checkpoint is one write.
/// </summary>
public sealed class ParameterStore
{
    private readonly List<ParameterTensor> _tensors = [];
    private int _length;

    /// <summary>The parameters (empty until <see cref="Allocate"/>).</summary>
    public float[] Values { get; private set; } = [];

    /// <summary>The gradients, same layout as <see cref="Values"/>.</summary>
    public float[] Gradients { get; private set; } = [];

    /// <summary>Registered tensors in registration order.</summary>
    public IReadOnlyList<ParameterTensor> Tensors => _tensors;

    /// <summary>Total number of scalar parameters.</summary>
    public int Count => _length;

    /// <summary>Registers a tensor and returns its offset in the flat buffers.</summary>
    public ParameterTensor Register(string name, int[] shape, ParameterInit init, float initValue = 0f)
    {
        if (Values.Length != 0) throw new InvalidOperationException("Parameters are already allocated.");
        if (_tensors.Any(t => t.Name == name)) throw new ArgumentException($"Duplicate parameter name '{name}'.");
        var tensor = new ParameterTensor(name, _length, shape, init, initValue);
        _tensors.Add(tensor);
        _length += tensor.Length;
        return tensor;
    }

    /// <summary>Allocates the buffers and initialises every tensor from the <c>init</c> stream in registration order.</summary>
    public void Allocate(Xoshiro256StarStar init)
    {
        Values = new float[_length];
        Gradients = new float[_length];
        foreach (var t in _tensors)
        {
            Span<float> v = Values.AsSpan(t.Offset, t.Length);
            switch (t.Init)
            {
                case ParameterInit.LeCunTruncated:
                    double std = 1.0 / Math.Sqrt(t.InitValue) / 0.87962566103423978;
                    for (int i = 0; i < v.Length; i++)
                    {
                        double z;
                        do z = init.NextNormal(); while (Math.Abs(z) > 2.0);
                        v[i] = (float)(z * std);
                    }
                    break;
                case ParameterInit.Constant:
                    v.Fill(t.InitValue);
                    break;
                default:
                    v.Clear();
                    break;
            }
        }
    }

    /// <summary>The values of tensor <paramref name="t"/>.</summary>
    public Span<float> Value(ParameterTensor t) => Values.AsSpan(t.Offset, t.Length);

    /// <summary>The gradients of tensor <paramref name="t"/>.</summary>
    public Span<float> Gradient(ParameterTensor t) => Gradients.AsSpan(t.Offset, t.Length);

    /// <summary>Sets every gradient to 0.</summary>
    public void ZeroGrad() => Array.Clear(Gradients);

    /// <summary>Finds a tensor by name, or null.</summary>
    public ParameterTensor? Find(string name) => _tensors.FirstOrDefault(t => t.Name == name);
}
