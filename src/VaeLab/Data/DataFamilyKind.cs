namespace VaeLab.Data;

/// <summary>The data families of SCIENCE.md section 3, and File for your own data (a CSV or .npy file of points).</summary>
public enum DataFamilyKind
{
    /// <summary>x = A z, A a D x k matrix, then p zero-padding coordinates.</summary>
    Linear,

    /// <summary>x = (z, sigmoid(⟨a*, z⟩)) in d + 1 coordinates, then p zero-padding coordinates.</summary>
    Sigmoid,

    /// <summary>x = z / ‖z‖ on the unit sphere in d coordinates, then p zero-padding coordinates.</summary>
    Sphere,

    /// <summary>Your own data: rows of a --data-file; no ground truth.</summary>
    File,
}
