"""League of California Cities "Join Our Team": the generic extraction plus one rule."""

from __future__ import annotations

import re
from dataclasses import replace

from jobfeed.extract import PageResult
from jobfeed.sources import Source
from spiders.careers import CareersSpider

CALCITIES = Source(
    name="calcities",
    organization="League of California Cities",
    spider="calcities",
    start_urls=("https://www.calcities.org/join-our-team",),
)
ILG = "Institute for Local Government"
# The page posts positions of its affiliate ILG among its own: "Senior ILG Program
# Manager", or a description that opens with "The Institute for Local Government is seeking".
_ILG_POSITION = re.compile(r"\bILG\b|^\W*(the )?institute for local government\b", re.I)


class CalCitiesSpider(CareersSpider):
    name = "calcities"

    def default_sources(self, url, settings):
        return [replace(CALCITIES, start_urls=(url,)) if url else CALCITIES]

    def adjust(self, result: PageResult, source) -> PageResult:
        for job in result.jobs:
            if _ILG_POSITION.search(job.title) or _ILG_POSITION.search(job.description[:200]):
                job.organization = ILG
                job.evidence.append("ILG position (title or description names the Institute)")
        return result
