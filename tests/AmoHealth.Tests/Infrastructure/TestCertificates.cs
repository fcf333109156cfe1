using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AmoHealth.Tests.Infrastructure;

/// <summary>Self-signed RSA certificates as PEM text, made on the spot (never a committed key).</summary>
public static class TestCertificates
{
    public static (string Certificate, string Key) Create(string dnsName)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        using var certificate =
            request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>One PEM file holding the key and the certificate, as install.sh writes Auth:KeysCertificate.</summary>
    public static string WriteCombined(string path)
    {
        var (certificate, key) = Create("amohealth-keys");
        File.WriteAllText(path, key + "\n" + certificate);
        return path;
    }
}
