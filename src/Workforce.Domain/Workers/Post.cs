namespace Workforce.Domain.Workers;

/// <summary>The three posts (岗) of 三岗十八级.</summary>
public enum Post
{
    /// <summary>正职: community party secretary / residents' committee director.</summary>
    Head = 1,
    /// <summary>副职: deputy secretary / deputy director.</summary>
    Deputy = 2,
    /// <summary>其他社区工作者.</summary>
    Staff = 3,
}

/// <summary>Highest completed education (学历).</summary>
public enum Education
{
    /// <summary>高中及以下.</summary>
    HighSchool = 1,
    /// <summary>中专.</summary>
    Vocational = 2,
    /// <summary>大专.</summary>
    College = 3,
    /// <summary>本科.</summary>
    Bachelor = 4,
    /// <summary>硕士.</summary>
    Master = 5,
    /// <summary>博士.</summary>
    Doctor = 6,
}

/// <summary>政治面貌.</summary>
public enum PoliticalStatus
{
    /// <summary>群众.</summary>
    Masses = 1,
    /// <summary>共青团员.</summary>
    YouthLeague = 2,
    /// <summary>中共预备党员.</summary>
    ProbationaryPartyMember = 3,
    /// <summary>中共党员.</summary>
    PartyMember = 4,
}
