"""indicator_key: one key per indicator across the plans' different wordings."""

from __future__ import annotations

import pytest

from policy_etl.pipeline.patterns.indicators import fold, indicator_key, load_rules


@pytest.mark.parametrize(
    ("wording", "key"),
    [
        ("PM2.5浓度", "pm25_concentration"),  # 000
        ("细颗粒物(PM2.5)平均浓度", "pm25_concentration"),  # 001
        ("国控站点PM2. 5年均浓度", "pm25_concentration"),  # 003, a PDF space inside PM2.5
        ("城市细颗粒物(PM2.5)浓度", "pm25_concentration"),  # 004 表2
        ("ＰＭ２．５浓度", "pm25_concentration"),  # full-width
        ("PM2.5浓度下降幅度", "pm25_reduction"),  # 002 表1: a reduction, not a concentration
        ("空气质量优良天数比率", "good_air_days_ratio"),
        ("AQI优良天数比例", "good_air_days_ratio"),
        ("县级以上城市日空气质量达标天数比例", "good_air_days_ratio"),
        ("城市臭氧O3日最大8小时平均浓度", "ozone_concentration"),
        ("地表水市控以上断面水质Ⅰ-Ⅲ类的比例", "surface_water_class_iii_share"),
        ("市控以上断面达到或优于Ш类水质比例", "surface_water_class_iii_share"),  # Cyrillic Ш in 001
        ("市控以上劣V类断面", "surface_water_worse_than_v_share"),
        ("劣Ⅴ类水体比例", "surface_water_worse_than_v_share"),
        ("近岸海域Ⅲ类以上海水比例", "nearshore_water_quality_share"),
        ("城镇污水处理率", "urban_sewage_treatment_rate"),
        ("市区声环境功能区夜间达标率", "noise_zone_compliance"),  # 郑州: noise, not water
        ("城市集中式饮用水水源水质达到或优于Ⅲ类比例", "drinking_water_source_compliance"),  # 巴中 专栏一
        ("县级以上集中式饮用水水源地水质达到或优于Ⅲ类的比例", "drinking_water_source_compliance"),  # 郑州
        ("交接断面水质达标率", "surface_water_compliance_rate"),
        ("农村生活污水治理行政村覆盖率", "rural_sewage_treatment"),
        ("平原林木覆盖率", "forest_cover"),
        ("森林覆盖率（平原地区）", "forest_cover"),
        ("林草覆盖率", "forest_cover"),
        ("危险废物利用处置率", "hazardous_waste_disposal"),
        ("危险废物规范化管理达标率", "hazardous_waste_management_compliance"),
        ("一般工业固体废物综合利用率", "industrial_solid_waste_utilisation"),
        ("工业固废综合利用率", "industrial_solid_waste_utilisation"),
        ("受污染耕地安全利用率", "polluted_farmland_safe_use"),
        ("污染地块安全利用率", "polluted_site_safe_use"),
        ("单位地区生产总值能耗", "energy_intensity"),
        ("碳排放强度", "carbon_intensity"),
        ("单位GDP二氧化碳排放降低", "carbon_intensity"),
        ("秸秆综合利用率", "straw_utilisation"),
        ("城市、农村生活垃圾分类覆盖面", "garbage_sorting_coverage"),
        ("城镇生活垃圾无害化处理率", "household_waste_harmless_rate"),
        ("集中式饮用水水源地水质优良比例", "drinking_water_source_compliance"),
        ("县以上城市集中式饮用水源地水质达标率", "drinking_water_source_compliance"),
        ("化学需氧量五年削减比例", "cod_reduction"),
        ("氨氮五年削减比例", "ammonia_nitrogen_reduction"),
        ("氮氧化物五年削减比例", "nox_reduction"),
        ("挥发性有机物五年削减比例", "voc_reduction"),
        ("重点行业VOCs排放量", "voc_reduction"),
        ("生态文明建设工作占党政实绩考核的比例", "eco_assessment_weight"),
        # headline indicators as the real plans' tables spell them (shared/corpus/real)
        ("细颗粒物（PM2.5）平均浓度", "pm25_concentration"),
        ("地级城市PM2.5年均浓度", "pm25_concentration"),  # 宁夏
        ("地级及以上城市细颗粒物（PM2.5）浓度下降到", "pm25_concentration"),  # 商洛: 下降到 a level
        ("地级及以上城市PM2.5年平均浓度下降", "pm25_reduction"),  # 邵阳
        ("地级城市细颗粒物浓度下降比例", "pm25_reduction"),  # 内蒙古
        ("监测城市年平均细颗粒(ＰＭ２\U001001b0５)指数", "pm25_concentration"),  # 青海 542 gazette
        ("城市空气质量优良天数比率", "good_air_days_ratio"),
        ("优良空气天数比例", "good_air_days_ratio"),  # 南平 表1
        ("空气质量达到二级标准以上天数比例", "good_air_days_ratio"),  # 盐城 表1
        ("地表水国控断面水质优良（达到或好于Ⅲ类）比例", "surface_water_class_iii_share"),
        ("地表水（省控及以上断面）质量达到或优于Ⅲ类水体比例", "surface_water_class_iii_share"),  # 三亚
        ("劣V类水体比例", "surface_water_worse_than_v_share"),  # Latin V (广元)
        ("地表水省控及以上断面水质劣于Ⅴ类比例", "surface_water_worse_than_v_share"),  # 泰州 表1
        ("森林覆盖率(%)", "forest_cover"),
        ("单位国内生产总值能源消耗降低", "energy_intensity"),  # 内蒙古, 湖南
        ("单位地区生产总值能源消耗降低", "energy_intensity"),  # 甘肃: 地区生产总值 is also gdp_growth's
        # keys for the indicators three or more plans of shared/corpus name (etl stats --keys)
        ("地下水质量Ⅴ类水比例", "groundwater_class_v_share"),
        ("乡镇生活污水处理率", "township_sewage_coverage"),  # 乡镇, not 城镇污水处理率
        ("省控地表水水质优良比例", "surface_water_class_iii_share"),
        ("国考省考断面水质优III比例", "surface_water_class_iii_share"),
        ("重点建设用地安全利用率", "polluted_site_safe_use"),
        ("政府采购绿色产品比例", "green_procurement_share"),
        ("行政村生活污水治理率", "rural_sewage_treatment"),
        ("地区生产总值", "gdp_growth"),
    ],
)
def test_wordings_share_a_key(wording: str, key: str) -> None:
    assert indicator_key(wording) == key


@pytest.mark.parametrize(
    "wording",
    [
        "服务业增加值",
        "湿地面积",  # 宁夏 修复湿地面积3714公顷 and 淮南 完成湿地修复面积: the name alone may be a restoration
        "恢复滨海湿地面积",
        "美丽乡村建设精品线",
        "园区绿地率",  # an industrial park's green ratio, not the built-up area's (green_space_ratio)
        "放射源辐射事故5年累计发生率",  # 天津: a five-year total, not the yearly rate
        "非化石能源装机和消费比重",  # two indicators in one name
        "生态产业增加值占生产总值比重",  # a share of GDP, not GDP growth
        "单位国内生产总值建设用地使用面积下降率",
        "亲海岸线长度",
        "企业",
        "PM2.5年平均浓度小于35µg/m3的县级城市个数",  # 邵阳: a count of cities, not a concentration
        "设置PM2.5、PM10扬尘在线监测仪率",
    ],
)
def test_unlisted_indicators_have_no_key(wording: str) -> None:
    assert indicator_key(wording) is None


def test_keys_are_unique_and_terms_folded() -> None:
    keys = [rule.key for rule in load_rules()]
    assert len(keys) == len(set(keys))
    for rule in load_rules():
        assert all(term == fold(term) for variant in rule.variants for term in variant)


def test_fold_spells_out_roman_numerals() -> None:
    assert fold("Ⅰ-Ⅲ类 PM2. 5") == "i-iii类pm2.5"
