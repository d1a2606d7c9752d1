using AutoMapper;
using Workforce.Domain.Certification;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;
using Workforce.Application.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Workers;

/// <summary>A row of the worker list (personal data masked).</summary>
public sealed class WorkerListItem
{
    /// <summary>Id.</summary>
    public long Id { get; set; }
    /// <summary>姓名.</summary>
    public string Name { get; set; } = string.Empty;
    /// <summary>Masked ID-card number.</summary>
    public string IdCardMasked { get; set; } = string.Empty;
    /// <summary>性别.</summary>
    public Sex Sex { get; set; }
    /// <summary>出生日期.</summary>
    public string BirthDate { get; set; } = string.Empty;
    /// <summary>学历.</summary>
    public Education Education { get; set; }
    /// <summary>政治面貌.</summary>
    public PoliticalStatus PoliticalStatus { get; set; }
    /// <summary>入职日期.</summary>
    public string HireDate { get; set; } = string.Empty;
    /// <summary>离职日期.</summary>
    public string LeaveDate { get; set; } = string.Empty;
    /// <summary>社区 id.</summary>
    public long OrgUnitId { get; set; }
    /// <summary>社区.</summary>
    public string? OrgUnitName { get; set; }
    /// <summary>现岗位.</summary>
    public Post? Post { get; set; }
    /// <summary>现等级.</summary>
    public int? Grade { get; set; }
}

/// <summary>Worker detail page (personal data masked unless revealed).</summary>
public sealed class WorkerDetailsViewModel
{
    /// <summary>The page's model of a worker with the names of the units its history mentions (the officer's page and 我的信息).</summary>
    public static WorkerDetailsViewModel From(AutoMapper.IMapper mapper, Application.Workers.WorkerDetails details)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(details);
        var (worker, names) = details;
        var vm = mapper.Map<WorkerDetailsViewModel>(worker);
        vm.OrgUnitName = names.GetValueOrDefault(worker.OrgUnitId);
        vm.PostAssignments.ForEach(a => a.CommunityName = names.GetValueOrDefault(a.CommunityId));
        vm.GridAssignments.ForEach(g => g.GridName = names.GetValueOrDefault(g.GridId));
        return vm;
    }

    /// <summary>Id.</summary>
    public long Id { get; set; }
    /// <summary>姓名.</summary>
    public string Name { get; set; } = string.Empty;
    /// <summary>Masked ID-card number.</summary>
    public string IdCardMasked { get; set; } = string.Empty;
    /// <summary>Masked phone.</summary>
    public string? PhoneMasked { get; set; }
    /// <summary>Unmasked ID-card number, only after an audited reveal.</summary>
    public string? RevealedIdCard { get; set; }
    /// <summary>Unmasked phone, only after an audited reveal.</summary>
    public string? RevealedPhone { get; set; }
    /// <summary>性别.</summary>
    public Sex Sex { get; set; }
    /// <summary>出生日期.</summary>
    public string BirthDate { get; set; } = string.Empty;
    /// <summary>学历.</summary>
    public Education Education { get; set; }
    /// <summary>政治面貌.</summary>
    public PoliticalStatus PoliticalStatus { get; set; }
    /// <summary>入职日期.</summary>
    public string HireDate { get; set; } = string.Empty;
    /// <summary>离职日期.</summary>
    public string LeaveDate { get; set; } = string.Empty;
    /// <summary>试用期至 (empty without probation).</summary>
    public string ProbationEnd { get; set; } = string.Empty;
    /// <summary>社区 id.</summary>
    public long OrgUnitId { get; set; }
    /// <summary>社区名称 (filled from the unit table).</summary>
    public string? OrgUnitName { get; set; }
    /// <summary>任职经历, newest first.</summary>
    public List<PostAssignmentViewModel> PostAssignments { get; set; } = [];
    /// <summary>网格.</summary>
    public List<GridAssignmentViewModel> GridAssignments { get; set; } = [];
    /// <summary>证书.</summary>
    public List<CertificateViewModel> Certificates { get; set; } = [];
}

/// <summary>One post assignment.</summary>
public sealed class PostAssignmentViewModel
{
    /// <summary>岗位.</summary>
    public Post Post { get; set; }
    /// <summary>等级.</summary>
    public int Grade { get; set; }
    /// <summary>社区 id.</summary>
    public long CommunityId { get; set; }
    /// <summary>社区名称.</summary>
    public string? CommunityName { get; set; }
    /// <summary>开始.</summary>
    public string Start { get; set; } = string.Empty;
    /// <summary>结束 (empty while current).</summary>
    public string End { get; set; } = string.Empty;
    /// <summary>Why it starts (stored messages: the rules' advancement, or an officer's reason), or null.</summary>
    public string? Reason { get; set; }
}

/// <summary>One grid assignment.</summary>
public sealed class GridAssignmentViewModel
{
    /// <summary>网格 id.</summary>
    public long GridId { get; set; }
    /// <summary>网格名称.</summary>
    public string? GridName { get; set; }
    /// <summary>开始.</summary>
    public string Start { get; set; } = string.Empty;
    /// <summary>结束.</summary>
    public string End { get; set; } = string.Empty;
}

/// <summary>One certificate.</summary>
public sealed class CertificateViewModel
{
    /// <summary>等级.</summary>
    public CertificateLevel Level { get; set; }
    /// <summary>证书编号.</summary>
    public string Number { get; set; } = string.Empty;
    /// <summary>登记日期.</summary>
    public string RegisteredOn { get; set; } = string.Empty;
}

/// <summary>Worker API representation (personal data masked).</summary>
public sealed class WorkerDto
{
    /// <summary>Id.</summary>
    public long Id { get; set; }
    /// <summary>Name.</summary>
    public string Name { get; set; } = string.Empty;
    /// <summary>Masked ID-card number.</summary>
    public string IdCardMasked { get; set; } = string.Empty;
    /// <summary>Masked phone.</summary>
    public string? PhoneMasked { get; set; }
    /// <summary>Sex.</summary>
    public Sex Sex { get; set; }
    /// <summary>Birth date (yyyy-MM-dd).</summary>
    public string BirthDate { get; set; } = string.Empty;
    /// <summary>Education.</summary>
    public Education Education { get; set; }
    /// <summary>Political status.</summary>
    public PoliticalStatus PoliticalStatus { get; set; }
    /// <summary>Hire date.</summary>
    public string HireDate { get; set; } = string.Empty;
    /// <summary>Leave date or empty.</summary>
    public string LeaveDate { get; set; } = string.Empty;
    /// <summary>Community id.</summary>
    public long OrgUnitId { get; set; }
    /// <summary>Current post.</summary>
    public Post? Post { get; set; }
    /// <summary>Current grade.</summary>
    public int? Grade { get; set; }
    /// <summary>Post history (only on GET by id).</summary>
    public List<PostAssignmentViewModel>? PostAssignments { get; set; }
}

/// <summary>Organisation unit in lists and the API.</summary>
public sealed class OrgUnitDto
{
    /// <summary>Id.</summary>
    public long Id { get; set; }
    /// <summary>Parent id.</summary>
    public long? ParentId { get; set; }
    /// <summary>Level.</summary>
    public OrgUnitType Type { get; set; }
    /// <summary>Code.</summary>
    public string Code { get; set; } = string.Empty;
    /// <summary>Name.</summary>
    public string Name { get; set; } = string.Empty;
    /// <summary>Residents.</summary>
    public int? Residents { get; set; }
    /// <summary>Households.</summary>
    public int? Households { get; set; }
}

/// <summary>Mappings from domain and read models to view models and DTOs (one way only).</summary>
public sealed class WorkerMappingProfile : Profile
{
    /// <summary>Configures the maps.</summary>
    public WorkerMappingProfile()
    {
        CreateMap<WorkerListRow, WorkerListItem>()
            .ForMember(d => d.IdCardMasked, o => o.MapFrom(s => s.IdCard.Masked))
            .ForMember(d => d.Sex, o => o.MapFrom(s => s.IdCard.Sex))
            .ForMember(d => d.BirthDate, o => o.MapFrom(s => s.IdCard.BirthDateText))
            .ForMember(d => d.HireDate, o => o.MapFrom(s => s.HireDate.Display()))
            .ForMember(d => d.LeaveDate, o => o.MapFrom(s => s.LeaveDate.HasValue ? s.LeaveDate.Value.Display() : string.Empty))
            .ForMember(d => d.Post, o => o.MapFrom(s => s.CurrentPost))
            .ForMember(d => d.Grade, o => o.MapFrom(s => s.CurrentGrade.HasValue ? s.CurrentGrade.Value.Value : (int?)null));

        CreateMap<WorkerListRow, WorkerDto>()
            .ForMember(d => d.IdCardMasked, o => o.MapFrom(s => s.IdCard.Masked))
            .ForMember(d => d.PhoneMasked, o => o.MapFrom(s => s.Phone == null ? null : s.Phone.Value.Masked))
            .ForMember(d => d.Sex, o => o.MapFrom(s => s.IdCard.Sex))
            .ForMember(d => d.BirthDate, o => o.MapFrom(s => s.IdCard.BirthDateText))
            .ForMember(d => d.HireDate, o => o.MapFrom(s => s.HireDate.Display()))
            .ForMember(d => d.LeaveDate, o => o.MapFrom(s => s.LeaveDate.HasValue ? s.LeaveDate.Value.Display() : string.Empty))
            .ForMember(d => d.Post, o => o.MapFrom(s => s.CurrentPost))
            .ForMember(d => d.Grade, o => o.MapFrom(s => s.CurrentGrade.HasValue ? s.CurrentGrade.Value.Value : (int?)null))
            .ForMember(d => d.PostAssignments, o => o.Ignore());

        CreateMap<Worker, WorkerDetailsViewModel>()
            .ForMember(d => d.IdCardMasked, o => o.MapFrom(s => s.IdCard.Masked))
            .ForMember(d => d.PhoneMasked, o => o.MapFrom(s => s.Phone == null ? null : s.Phone.Value.Masked))
            .ForMember(d => d.BirthDate, o => o.MapFrom(s => s.BirthDate.Display()))
            .ForMember(d => d.HireDate, o => o.MapFrom(s => s.HireDate.Display()))
            .ForMember(d => d.LeaveDate, o => o.MapFrom(s => s.LeaveDate.HasValue ? s.LeaveDate.Value.Display() : string.Empty))
            .ForMember(d => d.ProbationEnd, o => o.MapFrom(s => s.ProbationEnd.HasValue ? s.ProbationEnd.Value.Display() : string.Empty))
            .ForMember(d => d.PostAssignments, o => o.MapFrom(s => s.PostAssignments.OrderByDescending(a => a.Start)))
            .ForMember(d => d.OrgUnitName, o => o.Ignore())
            .ForMember(d => d.RevealedIdCard, o => o.Ignore())
            .ForMember(d => d.RevealedPhone, o => o.Ignore());

        CreateMap<Worker, WorkerDto>()
            .ForMember(d => d.IdCardMasked, o => o.MapFrom(s => s.IdCard.Masked))
            .ForMember(d => d.PhoneMasked, o => o.MapFrom(s => s.Phone == null ? null : s.Phone.Value.Masked))
            .ForMember(d => d.BirthDate, o => o.MapFrom(s => s.BirthDate.Display()))
            .ForMember(d => d.HireDate, o => o.MapFrom(s => s.HireDate.Display()))
            .ForMember(d => d.LeaveDate, o => o.MapFrom(s => s.LeaveDate.HasValue ? s.LeaveDate.Value.Display() : string.Empty))
            .ForMember(d => d.Post, o => o.MapFrom(s => s.PostAssignments.Where(a => a.End == null).Select(a => (Post?)a.Post).FirstOrDefault()))
            .ForMember(d => d.Grade, o => o.MapFrom(s => s.PostAssignments.Where(a => a.End == null).Select(a => (int?)a.Grade.Value).FirstOrDefault()))
            .ForMember(d => d.PostAssignments, o => o.MapFrom(s => s.PostAssignments.OrderByDescending(a => a.Start)));

        CreateMap<PostAssignment, PostAssignmentViewModel>()
            .ForMember(d => d.Grade, o => o.MapFrom(s => s.Grade.Value))
            .ForMember(d => d.Start, o => o.MapFrom(s => s.Start.Display()))
            .ForMember(d => d.End, o => o.MapFrom(s => s.End.HasValue ? s.End.Value.Display() : string.Empty))
            .ForMember(d => d.CommunityName, o => o.Ignore());
        CreateMap<GridAssignment, GridAssignmentViewModel>()
            .ForMember(d => d.Start, o => o.MapFrom(s => s.Start.Display()))
            .ForMember(d => d.End, o => o.MapFrom(s => s.End.HasValue ? s.End.Value.Display() : string.Empty))
            .ForMember(d => d.GridName, o => o.Ignore());
        CreateMap<Certificate, CertificateViewModel>()
            .ForMember(d => d.RegisteredOn, o => o.MapFrom(s => s.RegisteredOn.Display()));
        CreateMap<OrgUnit, OrgUnitDto>();
    }
}
