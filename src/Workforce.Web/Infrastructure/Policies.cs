using Workforce.Data.Identity;

namespace Workforce.Web.Infrastructure;

/// <summary>Authorization policies (role checks; the organisation scope is checked by every use case).</summary>
public static class Policies
{
    /// <summary>Read the registry (officers).</summary>
    public const string RegistryRead = "RegistryRead";
    /// <summary>Change the registry (Admin, HrOfficer).</summary>
    public const string RegistryWrite = "RegistryWrite";
    /// <summary>Administration (Admin).</summary>
    public const string AdminOnly = "AdminOnly";
    /// <summary>Reserve pool, training, certification, mentorship and recruitment: Admin and HR officers.</summary>
    public const string TalentManage = "TalentManage";
    /// <summary>Pages of a signed-in trainee (own data only).</summary>
    public const string TraineeOnly = "TraineeOnly";
    /// <summary>Pay periods, registers and payslips in scope: officers (HR officers read only).</summary>
    public const string PayrollRead = "PayrollRead";
    /// <summary>Runs, approval, locking, rule sets, bank files: Admin and payroll officers.</summary>
    public const string PayrollManage = "PayrollManage";
    /// <summary>Pay facts (assessments, recognitions, deductions, bank accounts): officers.</summary>
    public const string PayFactsWrite = "PayFactsWrite";
    /// <summary>One payslip: officers in scope, or the worker it belongs to (404 for anyone else's).</summary>
    public const string PayslipRead = "PayslipRead";

    /// <summary>Registers the policies.</summary>
    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .AddPolicy(RegistryRead, p => p.RequireRole(Roles.Admin, Roles.HrOfficer, Roles.PayrollOfficer))
            .AddPolicy(RegistryWrite, p => p.RequireRole(Roles.Admin, Roles.HrOfficer))
            .AddPolicy(AdminOnly, p => p.RequireRole(Roles.Admin))
            .AddPolicy(TalentManage, p => p.RequireRole(Roles.Admin, Roles.HrOfficer))
            .AddPolicy(TraineeOnly, p => p.RequireRole(Roles.Trainee))
            .AddPolicy(PayrollRead, p => p.RequireRole(Roles.Admin, Roles.HrOfficer, Roles.PayrollOfficer))
            .AddPolicy(PayrollManage, p => p.RequireRole(Roles.Admin, Roles.PayrollOfficer))
            .AddPolicy(PayFactsWrite, p => p.RequireRole(Roles.Admin, Roles.HrOfficer, Roles.PayrollOfficer))
            .AddPolicy(PayslipRead, p => p.RequireRole(Roles.Admin, Roles.HrOfficer, Roles.PayrollOfficer, Roles.Trainee));
    }
}
