import NNRuns

// Studies whose dashboards still read their report: their snapshot is that report.

extension ActivationGallery {
    public var snapshot: any StudySnapshot { ReportSnapshot(report: report) }
}

extension LossGallery {
    public var snapshot: any StudySnapshot { ReportSnapshot(report: report) }
}


extension Training {
    public var snapshot: any StudySnapshot { ReportSnapshot(report: report) }
}
