namespace VaeLab.Models;

/// <summary>A named slice of a model's flat parameter buffer.</summary>
/// <param name="Name">dotted name, also the safetensors key.</param>
/// <param name="Offset">start in the flat buffer.</param>
/// <param name="Shape">row-major shape.</param>
/// <param name="Init">initialisation rule.</param>
/// <param name="InitValue">value for <see cref="ParameterInit.Constant"/>; fan-in for LeCun.</param>
public sealed record ParameterTensor(string Name, int Offset, int[] Shape, ParameterInit Init, float InitValue)
{
    /// <summary>Number of elements, computed once: the training step reads it on every slice access.</summary>
    public int Length { get; } = Product(Shape);

    private static int Product(int[] shape)
    {
        int n = 1;
        foreach (int s in shape) n *= s;
        return n;
    }
}
