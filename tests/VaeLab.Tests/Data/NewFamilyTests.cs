using MathNet.Numerics.LinearAlgebra;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Dimension;
using VaeLab.Random;

namespace VaeLab.Tests.Data;

/// <summary>The families of SCIENCE.md section 10: true samples lie on their manifold and have the stated dimension.</summary>
public class NewFamilyTests
{
    public static TheoryData<string, int, int, bool> Families() => new()
    {
        { "torus", 2, 2, false }, { "torus", 3, 1, true }, { "swiss-roll", 2, 3, false }, { "swiss-roll", 2, 2, true },
        { "graph", 3, 3, false }, { "graph", 2, 4, true }, { "union", 10, 2, false }, { "union", 10, 2, true },
        { "sphere", 4, 3, true }, { "linear", 5, 3, true }, { "sigmoid", 3, 2, true },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void True_samples_lie_on_the_manifold_and_projection_fixes_them(string name, int dim, int padding, bool rotate)
    {
        var family = DataFamilyFactory.Create(KindNames.Parse<DataFamilyKind>(name), dim, 3, padding, 7, 0f, rotate);
        int n = family.AmbientDim, count = 1000;
        var x = Sample(family, count, out _);
        var projected = new double[family.BlockDim];
        double scale = 0;
        for (int i = 0; i < count; i++)
        {
            var row = x.AsSpan(i * n, n);
            double error = family.PaddingError(row) + family.InBlockError(row[..family.BlockDim]);
            foreach (float v in row) scale = Math.Max(scale, Math.Abs(v));
            // float storage (and a float rotation) leaves relative errors near 1e-7 per coordinate
            Assert.True(error < 1e-9 * (1 + scale * scale), $"{name} row {i}: squared distance {error}");
            family.ProjectBlock(row[..family.BlockDim], projected);
            for (int c = 0; c < family.BlockDim; c++) Assert.Equal(row[c], projected[c], 1e-4 * (1 + scale));
        }
        if (rotate) Assert.Equal(0, family.Padding);
    }

    [Fact]
    public void Points_off_the_manifold_have_their_exact_squared_distance()
    {
        var torus = new TorusFamily(2, 0);
        double a = 1 / Math.Sqrt(2);
        // (0.5, 0, 0, 2): pair distances |0.5 - a| and |2 - a|
        Assert.Equal(Math.Pow(0.5 - a, 2) + Math.Pow(2 - a, 2), torus.InBlockError([0.5f, 0, 0, 2]), 6);
        var roll = new SwissRollFamily(0);
        // A point pushed off the roll along the spiral's normal at t = 3π by 0.5, and 2 above the top of the roll.
        double t = 3 * Math.PI, c = Math.Cos(t), s = Math.Sin(t), tx = c - t * s, tz = s + t * c, tn = Math.Sqrt(tx * tx + tz * tz);
        float[] p = [(float)(t * c + 0.5 * tz / tn), (float)(SwissRollFamily.Height + 2), (float)(t * s - 0.5 * tx / tn)];
        Assert.Equal(0.25 + 4, roll.InBlockError(p), 4);
        Assert.Equal(t, SwissRollFamily.NearestT(t * c, t * s), 9);
    }

    [Fact]
    public void Rotation_is_orthogonal_seeded_and_not_axis_aligned()
    {
        var rotated = (RotatedFamily)DataFamilyFactory.Create(DataFamilyKind.Graph, 3, 3, 3, 11, 0f, rotate: true);
        int n = rotated.AmbientDim;
        var q = Matrix<double>.Build.Dense(n, n, (r, c) => rotated.Rotation[r * n + c]);
        Assert.True((q * q.Transpose() - Matrix<double>.Build.DenseIdentity(n)).FrobeniusNorm() < 1e-12);
        var again = (RotatedFamily)DataFamilyFactory.Create(DataFamilyKind.Graph, 3, 3, 3, 11, 0f, rotate: true);
        Assert.Equal(rotated.Rotation.ToArray(), again.Rotation.ToArray());
        // No coordinate of the rotated data is identically zero, unlike the padded family's last p.
        var x = Sample(rotated, 200, out _);
        for (int c = 0; c < n; c++) Assert.True(Enumerable.Range(0, 200).Max(i => Math.Abs(x[i * n + c])) > 1e-3, $"coordinate {c} is zero");
    }

    [Theory]
    [InlineData("torus", 2, 2)]
    [InlineData("torus", 3, 0)]
    [InlineData("swiss-roll", 2, 2)]
    [InlineData("graph", 2, 3)]
    public void Local_pca_on_true_samples_finds_the_stated_dimension(string name, int dim, int padding)
    {
        var family = DataFamilyFactory.Create(KindNames.Parse<DataFamilyKind>(name), dim, 3, padding, 5, 0f, rotate: true);
        int n = family.AmbientDim;
        var x = Sample(family, 2000, out var dims);
        var graph = KnnSearch.Search(x, 2000, n, 20);
        var lpca = LocalPcaDimension.Estimate(x, n, graph);
        double exact = lpca.PerPoint.Where((v, i) => v == dims[i]).Count() / 2000.0;
        Assert.All(dims, d => Assert.Equal(family.IntrinsicDim, d));
        // curvature at the scale of 20 neighbours spills a little variance into the normal directions
        Assert.True(exact >= 0.9, $"{name}: {exact:P0} of points have local PCA = {family.IntrinsicDim}");
    }

    [Fact]
    public void Union_points_know_their_own_dimension_and_lie_on_that_component()
    {
        var family = (UnionFamily)DataFamilyFactory.Create(DataFamilyKind.Union, 10, 3, 2, 3, 0f, unionDims: [1, 3, 6]);
        Assert.Equal((6, 12), (family.IntrinsicDim, family.AmbientDim));
        int count = 3000, n = family.AmbientDim;
        var x = Sample(family, count, out var dims);
        var components = family.LastComponents(count).ToArray();
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(family.Dims[components[i]], dims[i]);
            Assert.Equal(components[i], family.NearestComponent(x.AsSpan(i * n, family.BlockDim)));
        }
        foreach (int d in family.Dims) Assert.InRange(dims.Count(v => v == d), 900, 1100);
        // Each component's points span exactly d_j dimensions: the (d_j + 1)-th singular value of the centred points is ~0.
        for (int j = 0; j < 3; j++)
        {
            var rows = Enumerable.Range(0, count).Where(i => components[i] == j).ToArray();
            var m = Matrix<double>.Build.Dense(rows.Length, n, (r, c) => x[rows[r] * n + c]);
            var mean = m.ColumnSums() / rows.Length;
            var s = (m - Matrix<double>.Build.Dense(rows.Length, n, (_, c) => mean[c])).Svd(false).S;
            int d = family.Dims[j];
            Assert.True(s[d - 1] > 1, $"component {j}: s[{d - 1}] = {s[d - 1]}");
            Assert.True(s[d] < 1e-4 * s[0], $"component {j}: s[{d}] = {s[d]}");
        }
    }

    private static float[] Sample(DataFamily family, int count, out int[] dims)
    {
        var x = new float[count * family.AmbientDim];
        family.Sample(x, count, RngStreams.Normal(1, "data"));
        dims = new int[count];
        family.PointDimensions(dims, count);
        return x;
    }
}
