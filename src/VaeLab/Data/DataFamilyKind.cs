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

    /// <summary>The flat d-torus (cos a_1, sin a_1, ..., cos a_d, sin a_d) / √d in 2d coordinates, then p zero-padding coordinates (SCIENCE.md section 10).</summary>
    Torus,

    /// <summary>(t cos t, h, t sin t), t ~ U[1.5π, 4.5π], h ~ U[0, 21], then p zero-padding coordinates.</summary>
    SwissRoll,

    /// <summary>The paraboloid (z, ‖z‖²) in d + 1 coordinates, then p zero-padding coordinates.</summary>
    Graph,

    /// <summary>Affine subspaces of several dimensions in D coordinates, each point labelled with its own; then p zero-padding coordinates.</summary>
    Union,

    /// <summary>Your own data: rows of a --data-file; no ground truth.</summary>
    File,
}
