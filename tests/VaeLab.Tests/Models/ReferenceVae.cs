using VaeLab.Models;

namespace VaeLab.Tests.Models;

/// <summary>
/// A slow, independent double-precision forward pass of the VAE loss, written from SCIENCE.md section 3,
/// reading parameters by name. The oracle for the fast float model's forward and backward passes.
/// </summary>
public sealed class ReferenceVae(Vae model)
{
    private double[] _p = [];

    public double Loss(double[] parameters, float[] x, float[] xi1, float[] xi2, int batch)
    {
        _p = parameters;
        var a = model.Architecture;
        int n = a.InputDim, m = a.LatentDim;
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            double[] xb = Row(x, b, n);
            double[] h = xb;
            for (int l = 0; l < a.EncoderHidden.Length; l++) h = Relu(Affine($"encoder.trunk.{l}", h));
            double[] mu = Affine("encoder.mean", h);
            double[] logVar = a.EncoderVariance == EncoderVarianceKind.Amortized ? Affine("encoder.logVariance", h) : Tensor("encoder.logVariance");
            double kl = 0;
            var s = new double[m];
            for (int j = 0; j < m; j++)
            {
                kl += -0.5 * (1 + logVar[j] - Math.Exp(logVar[j]) - mu[j] * mu[j]);
                s[j] = mu[j] + Math.Exp(logVar[j] / 2) * xi1[b * m + j];
            }
            double[] f;
            if (a.Decoder == DecoderKind.SigmoidAffine)
            {
                double[] g = Affine("decoder.sigmoid", s), lin = Affine("decoder.affine", s);
                f = g.Select((u, i) => 1 / (1 + Math.Exp(-u)) + lin[i]).ToArray();
            }
            else
            {
                f = s;
                for (int l = 0; l <= a.DecoderHidden.Length; l++)
                {
                    f = Affine($"decoder.{l}", f);
                    if (l < a.DecoderHidden.Length) f = Relu(f);
                }
            }
            double eta = a.DecoderVariance switch
            {
                DecoderVarianceKind.Scaled => a.InitialLogVariance * Tensor("decoder.logVarianceScale")[0],
                DecoderVarianceKind.Direct => Tensor("decoder.logVariance")[0],
                _ => a.InitialLogVariance,
            };
            double sigma2 = Math.Exp(eta), sigma = Math.Sqrt(sigma2);
            double sse = 0;
            for (int i = 0; i < n; i++)
            {
                double r = f[i] + (a.NoiseInLoss ? sigma * xi2[b * n + i] : 0) - xb[i];
                sse += r * r;
            }
            total += kl + sse / (2 * sigma2) + n / 2.0 * (Math.Log(2 * Math.PI) + eta);
        }
        return total / batch;
    }

    public double[] Affine(string name, double[] input)
    {
        var w = model.Parameters.Find(name + ".weight")!;
        double[] bias = Tensor(name + ".bias");
        int inF = w.Shape[0], outF = w.Shape[1];
        var y = new double[outF];
        for (int o = 0; o < outF; o++)
        {
            double sum = bias[o];
            for (int i = 0; i < inF; i++) sum += input[i] * _p[w.Offset + i * outF + o];
            y[o] = sum;
        }
        return y;
    }

    public void Use(double[] parameters) => _p = parameters;

    private double[] Tensor(string name)
    {
        var t = model.Parameters.Find(name)!;
        return _p.AsSpan(t.Offset, t.Length).ToArray();
    }

    private static double[] Relu(double[] v) => v.Select(u => Math.Max(u, 0)).ToArray();

    private static double[] Row(float[] x, int b, int n) => x.AsSpan(b * n, n).ToArray().Select(v => (double)v).ToArray();
}
