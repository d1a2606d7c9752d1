using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Certification;
using Workforce.Domain.Organisation;

namespace Workforce.Application.Certification;

/// <summary>Certificates recorded and verified by officers (only verified ones count for pay).</summary>
public sealed class CertificationCommands(UseCaseContext context)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>Records a certificate for a worker in scope; the same level and number anywhere is refused.</summary>
    public async Task<CommandResult<Certificate>> RecordAsync(UserScope scope, CertificateInput input, CancellationToken ct)
    {
        var worker = await scope.Workers(Db).Include(w => w.Certificates).SingleOrDefaultAsync(w => w.Id == input.WorkerId, ct);
        if (worker is null)
        {
            return UseCaseContext.Fail<Certificate>(nameof(input.WorkerId), "Reserve.NotInScope");
        }
        var number = input.Number!.Trim();
        if (await Db.Certificates.AnyAsync(c => c.Level == input.Level && c.Number == number, ct))
        {
            return UseCaseContext.Fail<Certificate>(nameof(input.Number), "Certificate.Duplicate", number);
        }
        return await context.SaveAsync(() => worker.AddCertificate(input.Level!.Value, number, LocalDate.FromDateOnly(input.RegisteredOn!.Value)), ct);
    }

    /// <summary>Verifies a certificate of a worker in scope (today, by the officer). Null when outside scope.</summary>
    public async Task<CommandResult<Certificate>?> VerifyAsync(UserScope scope, long id, string officer, CancellationToken ct)
    {
        var certificate = await Db.Certificates.SingleOrDefaultAsync(c => c.Id == id && scope.Workers(Db).Any(w => w.Id == c.WorkerId), ct);
        if (certificate is null)
        {
            return null;
        }
        return await context.SaveAsync(() =>
        {
            certificate.Verify(context.Today, officer);
            return certificate;
        }, ct);
    }
}
