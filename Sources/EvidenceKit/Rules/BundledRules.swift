// The rules EvidenceKit ships with, compiled into the library rather than shipped as a resource
// file: a SwiftPM resource bundle lives beside the build folder, so a copied or installed
// `evidence` binary whose build folder was gone died with "could not load resource bundle".
// Edit the JSON below (schema `evidencekit-rules/1`, Docs/rules.md), then run `make docs`.
// `evidence rules --export` prints it, to start a rules file of your own.

extension RuleSet {
    /// The bundled rules document (JSON), as ``RuleSet/bundled()`` parses it and
    /// `evidence rules --export` prints it.
    public static let bundledDocument = #"""
{
  "schema": "evidencekit-rules/1",
  "version": "taobao-2025.1",
  "title": {
    "zh": "淘宝/天猫网购投诉证据规则",
    "en": "Evidence rules for Taobao/Tmall complaints"
  },
  "source": {
    "zh": "淘宝争议处理规则（2025修订）；消费者权益保护法；电子商务法；明码标价和禁止价格欺诈规定（2022）；市场监督管理投诉举报处理暂行办法",
    "en": "Taobao Dispute Handling Rules (2025 rev.); Consumer Rights Protection Law; E-Commerce Law; Provisions on Clearly Marked Prices and the Prohibition of Price Fraud (2022); Interim Measures on Handling Market Regulation Complaints and Reports"
  },
  "roles": {
    "product-photo": {
      "kinds": [
        "image"
      ],
      "purpose": {
        "zh": "证明收到的商品的实际状况（瑕疵、损坏或与描述不符之处）",
        "en": "Shows the actual condition of the item received (defect, damage or mismatch)"
      }
    },
    "unboxing-video": {
      "kinds": [
        "video"
      ],
      "purpose": {
        "zh": "证明开箱时包裹和商品的原始状态（连续拍摄、未剪辑）",
        "en": "Shows the parcel and item as they were when opened (one continuous, unedited take)"
      }
    },
    "package-photo": {
      "kinds": [
        "image"
      ],
      "purpose": {
        "zh": "证明包裹外观、面单信息和签收时的状况",
        "en": "Shows the outer package, the waybill and its condition at signing"
      }
    },
    "order-screenshot": {
      "kinds": [
        "image",
        "document"
      ],
      "purpose": {
        "zh": "证明双方存在买卖关系（订单号、下单时间、金额、订单状态）",
        "en": "Proves the purchase: order number, order time, amount and status"
      }
    },
    "listing-screenshot": {
      "kinds": [
        "image",
        "document"
      ],
      "purpose": {
        "zh": "证明商家下单时的宣传、标价和承诺（交易快照）",
        "en": "Shows what the seller advertised, priced and promised at order time (transaction snapshot)"
      }
    },
    "merchant-info": {
      "kinds": [
        "image",
        "document"
      ],
      "purpose": {
        "zh": "证明被投诉方的主体名称和地址",
        "en": "Identifies the respondent: the seller's legal name and address"
      }
    },
    "chat-record": {
      "kinds": [
        "image",
        "document",
        "text"
      ],
      "purpose": {
        "zh": "证明已向商家反映问题以及商家的答复",
        "en": "Shows that the problem was reported to the seller and what the seller answered"
      }
    },
    "payment-receipt": {
      "kinds": [
        "image",
        "document"
      ],
      "purpose": {
        "zh": "证明实际支付的金额和时间",
        "en": "Proves the amount actually paid and when"
      }
    },
    "invoice": {
      "kinds": [
        "document",
        "image",
        "text"
      ],
      "purpose": {
        "zh": "证明交易及商品信息（开票方、金额）",
        "en": "Records the sale: issuer, item and amount"
      }
    },
    "logistics-record": {
      "kinds": [
        "image",
        "document",
        "text"
      ],
      "purpose": {
        "zh": "证明发货、运输和签收的时间与状态",
        "en": "Shows when the parcel was shipped, moved and signed for"
      }
    },
    "inspection-report": {
      "kinds": [
        "document",
        "image"
      ],
      "purpose": {
        "zh": "证明商品存在质量问题（检测机构结论）",
        "en": "States a lab's or brand service's finding of a defect"
      }
    },
    "authentication-report": {
      "kinds": [
        "document",
        "image"
      ],
      "purpose": {
        "zh": "证明商品并非正品（鉴定结论）",
        "en": "States an authentication finding that the item is not genuine"
      }
    },
    "other": {
      "kinds": [
        "image",
        "video",
        "document",
        "text"
      ],
      "purpose": {
        "zh": "补充证明案件事实",
        "en": "Supports other facts of the case"
      }
    }
  },
  "categories": [
    {
      "id": "quality",
      "label": {
        "zh": "商品质量问题",
        "en": "Quality problem"
      },
      "summary": {
        "zh": "商品存在质量问题。明显瑕疵：买家先提供初步证明（照片/视频），商家可反驳，商家证据成立时买家须提供检测报告（第六十五条）。隐蔽瑕疵：商家须提供进货凭证，否则支持退款（第六十六条）。",
        "en": "The item is defective. Visible defect: the buyer gives preliminary proof (photos/video), the seller may rebut, and if the seller's proof holds the buyer needs an inspection report (Art. 65). Hidden defect: the seller must show supply papers, otherwise the refund is granted (Art. 66)."
      },
      "purposes": {
        "product-photo": {
          "zh": "证明商品存在质量问题（瑕疵、故障或损坏的部位）",
          "en": "Shows the defect: where the item is faulty, damaged or flawed"
        }
      },
      "requirements": [
        {
          "id": "proof-of-purchase",
          "level": "required",
          "role": "order-screenshot",
          "min": 1,
          "reason": {
            "zh": "没有购买凭证的投诉会被平台和消费者协会退回；订单截图证明你与商家之间的交易。",
            "en": "Complaints without proof of purchase are turned away by the platform and consumer associations; the order screenshot proves the sale between you and the seller."
          },
          "advice": {
            "zh": "在“我的订单”中打开该订单详情页截图，须能看到订单号、下单时间、实付金额和订单状态。",
            "en": "Screenshot the order's detail page under “My orders”, showing the order number, order time, amount paid and status."
          },
          "citation": {
            "zh": "市场监督管理投诉举报处理暂行办法第九条",
            "en": "Interim Measures on Handling Market Regulation Complaints and Reports, Art. 9"
          }
        },
        {
          "id": "defect-shown",
          "level": "required",
          "any_of": [
            [
              {
                "role": "product-photo",
                "min": 1
              }
            ],
            [
              {
                "role": "unboxing-video",
                "min": 1
              }
            ]
          ],
          "reason": {
            "zh": "明显瑕疵须由买家先提供初步证明：照片或视频须能看清问题。",
            "en": "For a visible defect the buyer must first give preliminary proof: photos or a video in which the problem can be seen."
          },
          "advice": {
            "zh": "拍摄能看清问题的照片：一张全景（含商品整体）和一张近景（瑕疵处）；故障类问题可录制演示视频。",
            "en": "Take photos in which the problem is visible: one of the whole item and one close-up of the defect; for a malfunction, record a short video showing it."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第六十五条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 65"
          }
        },
        {
          "id": "contact-with-seller",
          "level": "recommended",
          "role": "chat-record",
          "min": 1,
          "reason": {
            "zh": "聊天记录证明你已及时向商家反映问题以及商家如何答复；收货后七日内提出可要求退货。",
            "en": "The chat record shows you told the seller in time and how the seller answered; non-conforming goods may be returned within 7 days of receipt."
          },
          "advice": {
            "zh": "截取与客服的完整对话（含时间），或从旺旺/千牛导出聊天记录。",
            "en": "Screenshot the whole conversation with customer service (with times), or export it from Wangwang/Qianniu."
          },
          "citation": {
            "zh": "消费者权益保护法第二十四条",
            "en": "Consumer Rights Protection Law, Art. 24"
          }
        },
        {
          "id": "payment",
          "level": "recommended",
          "role": "payment-receipt",
          "min": 1,
          "reason": {
            "zh": "支付凭证证明实际支付的金额，是退款或赔偿金额的依据。",
            "en": "The payment receipt proves the amount actually paid, the basis of any refund or compensation."
          },
          "advice": {
            "zh": "在支付宝“账单”中打开这笔付款，截图或下载电子回单（PDF）。",
            "en": "Open the payment in Alipay's bill list and screenshot it, or download the electronic receipt (PDF)."
          }
        },
        {
          "id": "inspection",
          "level": "recommended",
          "role": "inspection-report",
          "min": 1,
          "reason": {
            "zh": "商家对照片提出反驳且其证据成立时，买家须提供检测机构或品牌售后出具的质检报告。",
            "en": "If the seller rebuts your photos and its proof holds, you will need an inspection report from a lab or the brand's service centre."
          },
          "advice": {
            "zh": "送至有 CMA/CNAS 资质的检测机构或品牌官方售后检测，保存报告（PDF 或照片）。",
            "en": "Have the item tested by a CMA/CNAS-accredited lab or the brand's official service centre and keep the report (PDF or photo)."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第六十五条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 65"
          }
        }
      ]
    },
    {
      "id": "not-as-described",
      "label": {
        "zh": "描述不符",
        "en": "Not as described"
      },
      "summary": {
        "zh": "收到的商品与商品页面描述不符。明显不符由买家提供初步证明，商家可反驳（第七十三条）；须对比下单时的页面描述与收到的实物。",
        "en": "The item differs from its listing. For a visible mismatch the buyer gives preliminary proof and the seller may rebut (Art. 73): compare the listing at order time with the item received."
      },
      "purposes": {
        "listing-screenshot": {
          "zh": "证明下单时商品页面的描述（材质、尺寸、颜色、参数）",
          "en": "Shows how the listing described the item at order time (material, size, colour, specifications)"
        },
        "product-photo": {
          "zh": "证明收到的实物与描述不符之处",
          "en": "Shows where the item received differs from the description"
        }
      },
      "requirements": [
        {
          "id": "proof-of-purchase",
          "level": "required",
          "role": "order-screenshot",
          "min": 1,
          "reason": {
            "zh": "没有购买凭证的投诉会被平台和消费者协会退回；订单截图证明你与商家之间的交易。",
            "en": "Complaints without proof of purchase are turned away by the platform and consumer associations; the order screenshot proves the sale between you and the seller."
          },
          "advice": {
            "zh": "在“我的订单”中打开该订单详情页截图，须能看到订单号、下单时间、实付金额和订单状态。",
            "en": "Screenshot the order's detail page under “My orders”, showing the order number, order time, amount paid and status."
          },
          "citation": {
            "zh": "市场监督管理投诉举报处理暂行办法第九条",
            "en": "Interim Measures on Handling Market Regulation Complaints and Reports, Art. 9"
          }
        },
        {
          "id": "listing-at-order-time",
          "level": "required",
          "role": "listing-screenshot",
          "min": 1,
          "reason": {
            "zh": "是否“描述不符”以下单时的页面描述为准；商家可能事后修改页面，交易快照保留了下单时的版本。",
            "en": "“Not as described” is judged against the listing at order time; the seller may edit the page later, and the transaction snapshot keeps the version you ordered."
          },
          "advice": {
            "zh": "在订单详情中打开“交易快照”，截取显示相关描述（材质、尺寸、颜色、参数）的部分。",
            "en": "In the order details open the “transaction snapshot” and screenshot the part that states the description in question (material, size, colour, specifications)."
          },
          "citation": {
            "zh": "电子商务法第十七条；淘宝争议处理规则（2025修订）第七十三条",
            "en": "E-Commerce Law, Art. 17; Taobao Dispute Handling Rules (2025 rev.), Art. 73"
          }
        },
        {
          "id": "item-received",
          "level": "required",
          "any_of": [
            [
              {
                "role": "product-photo",
                "min": 1
              }
            ],
            [
              {
                "role": "unboxing-video",
                "min": 1
              }
            ]
          ],
          "reason": {
            "zh": "须用实物照片或视频证明收到的商品与描述不符（初步证明由买家提供）。",
            "en": "Photos or a video of the item must show how it differs from the description (the buyer gives the preliminary proof)."
          },
          "advice": {
            "zh": "拍摄与描述不符之处，最好与交易快照中的同一细节对照（如尺码标、成分标、型号）。",
            "en": "Photograph what differs, ideally the same detail the snapshot states (size label, material label, model number)."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第七十三条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 73"
          }
        },
        {
          "id": "contact-with-seller",
          "level": "recommended",
          "role": "chat-record",
          "min": 1,
          "reason": {
            "zh": "聊天记录证明你已向商家指出不符之处及商家的答复。",
            "en": "The chat record shows you pointed out the mismatch to the seller and what the seller answered."
          },
          "advice": {
            "zh": "截取与客服的完整对话（含时间），或从旺旺/千牛导出聊天记录。",
            "en": "Screenshot the whole conversation with customer service (with times), or export it from Wangwang/Qianniu."
          }
        },
        {
          "id": "payment",
          "level": "recommended",
          "role": "payment-receipt",
          "min": 1,
          "reason": {
            "zh": "支付凭证证明实际支付的金额，是退款或赔偿金额的依据。",
            "en": "The payment receipt proves the amount actually paid, the basis of any refund or compensation."
          },
          "advice": {
            "zh": "在支付宝“账单”中打开这笔付款，截图或下载电子回单（PDF）。",
            "en": "Open the payment in Alipay's bill list and screenshot it, or download the electronic receipt (PDF)."
          }
        }
      ]
    },
    {
      "id": "counterfeit",
      "label": {
        "zh": "假冒商品",
        "en": "Counterfeit"
      },
      "summary": {
        "zh": "怀疑收到假货。商家须提供进货凭证或授权证明（第六十六条）；买家的鉴定报告能加强主张，经营者欺诈的可要求三倍赔偿（消保法第五十五条）。",
        "en": "The item appears to be fake. The seller must show distributor papers or invoices (Art. 66); the buyer's authentication report strengthens the claim, and fraud entitles the buyer to three times the price (Consumer Rights Protection Law, Art. 55)."
      },
      "purposes": {
        "listing-screenshot": {
          "zh": "证明商家以正品/官方授权名义销售",
          "en": "Shows that the seller sold the item as genuine or officially licensed"
        },
        "product-photo": {
          "zh": "证明商品的标识、包装、防伪码等与正品不一致",
          "en": "Shows labels, packaging or anti-counterfeit codes that differ from the genuine product"
        }
      },
      "requirements": [
        {
          "id": "proof-of-purchase",
          "level": "required",
          "role": "order-screenshot",
          "min": 1,
          "reason": {
            "zh": "没有购买凭证的投诉会被平台和消费者协会退回；订单截图证明你与商家之间的交易。",
            "en": "Complaints without proof of purchase are turned away by the platform and consumer associations; the order screenshot proves the sale between you and the seller."
          },
          "advice": {
            "zh": "在“我的订单”中打开该订单详情页截图，须能看到订单号、下单时间、实付金额和订单状态。",
            "en": "Screenshot the order's detail page under “My orders”, showing the order number, order time, amount paid and status."
          },
          "citation": {
            "zh": "市场监督管理投诉举报处理暂行办法第九条",
            "en": "Interim Measures on Handling Market Regulation Complaints and Reports, Art. 9"
          }
        },
        {
          "id": "item-details",
          "level": "required",
          "any_of": [
            [
              {
                "role": "product-photo",
                "min": 2
              }
            ],
            [
              {
                "role": "unboxing-video",
                "min": 1
              }
            ]
          ],
          "reason": {
            "zh": "须能看清商品整体以及商标、吊牌、防伪码、序列号等细节，鉴定和比对都依赖这些。",
            "en": "The whole item and its details (logo, tags, anti-counterfeit code, serial number) must be visible: authentication and comparison rely on them."
          },
          "advice": {
            "zh": "至少拍两张：一张商品整体，一张商标/吊牌/防伪码/序列号的清晰近景；或录制完整的开箱视频。",
            "en": "Take at least two photos: the whole item, and a sharp close-up of the logo, tag, anti-counterfeit code or serial number; or record the whole unboxing."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第六十六条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 66"
          }
        },
        {
          "id": "sold-as-genuine",
          "level": "required",
          "role": "listing-screenshot",
          "min": 1,
          "reason": {
            "zh": "须证明商家以正品名义销售（“正品”“官方授权”等宣传），否则难以认定欺诈。",
            "en": "You must show the seller sold it as genuine (“authentic”, “officially licensed”...), otherwise fraud is hard to establish."
          },
          "advice": {
            "zh": "在订单的“交易快照”中截取品牌、“正品”“官方”等宣传文字。",
            "en": "In the order's “transaction snapshot”, screenshot the brand name and the “genuine/official” claims."
          },
          "citation": {
            "zh": "消费者权益保护法第二十条、第五十五条",
            "en": "Consumer Rights Protection Law, Art. 20 and 55"
          }
        },
        {
          "id": "authentication",
          "level": "recommended",
          "role": "authentication-report",
          "min": 1,
          "reason": {
            "zh": "品牌方或专业机构的鉴定报告是认定假货最有力的证据。",
            "en": "An authentication report from the brand or an accredited appraiser is the strongest proof that an item is fake."
          },
          "advice": {
            "zh": "联系品牌官方客服或有资质的鉴定机构出具鉴定报告，保存 PDF 或照片。",
            "en": "Ask the brand's official service or an accredited appraiser for an authentication report; keep the PDF or a photo."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第六十六条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 66"
          }
        },
        {
          "id": "respondent",
          "level": "recommended",
          "role": "merchant-info",
          "min": 1,
          "reason": {
            "zh": "向 12315 或消费者协会投诉须写明被投诉方的名称和地址；网店的主体信息在营业执照页面。",
            "en": "A complaint to 12315 or a consumer association must name the respondent and its address; a shop's entity details are on its licence page."
          },
          "advice": {
            "zh": "在店铺首页点“店铺资质/营业执照”并截图，须能看到企业名称和地址。",
            "en": "On the shop's home page open “licence/qualifications” and screenshot it, showing the company name and address."
          },
          "citation": {
            "zh": "市场监督管理投诉举报处理暂行办法第九条",
            "en": "Interim Measures on Handling Market Regulation Complaints and Reports, Art. 9"
          }
        },
        {
          "id": "contact-with-seller",
          "level": "recommended",
          "role": "chat-record",
          "min": 1,
          "reason": {
            "zh": "聊天记录证明商家对真伪的承诺及答复。",
            "en": "The chat record shows what the seller claimed about authenticity and how it answered."
          },
          "advice": {
            "zh": "截取与客服的完整对话（含时间），或从旺旺/千牛导出聊天记录。",
            "en": "Screenshot the whole conversation with customer service (with times), or export it from Wangwang/Qianniu."
          }
        }
      ]
    },
    {
      "id": "missing-items",
      "label": {
        "zh": "少件/漏发",
        "en": "Missing items"
      },
      "summary": {
        "zh": "收到的包裹缺少商品或配件。商家证明正常签收后，买家须证明签收时包裹外观异常（第七十五条）；确认收货后由买家承担举证责任（第七十六条）。开箱视频是最有力的证据。",
        "en": "Items or parts are missing from the parcel. Once the seller proves proper signing, the buyer must show the package was abnormal at signing (Art. 75); after “confirm receipt” the buyer bears the burden (Art. 76). An unboxing video is the strongest proof."
      },
      "purposes": {
        "package-photo": {
          "zh": "证明包裹外观、封口和面单在开箱前的状况",
          "en": "Shows the package, its seal and waybill before opening"
        },
        "product-photo": {
          "zh": "证明包裹内实际收到的物品",
          "en": "Shows what the package actually contained"
        }
      },
      "requirements": [
        {
          "id": "proof-of-purchase",
          "level": "required",
          "role": "order-screenshot",
          "min": 1,
          "reason": {
            "zh": "没有购买凭证的投诉会被平台和消费者协会退回；订单截图证明你与商家之间的交易。",
            "en": "Complaints without proof of purchase are turned away by the platform and consumer associations; the order screenshot proves the sale between you and the seller."
          },
          "advice": {
            "zh": "在“我的订单”中打开该订单详情页截图，须能看到订单号、下单时间、实付金额和订单状态。",
            "en": "Screenshot the order's detail page under “My orders”, showing the order number, order time, amount paid and status."
          },
          "citation": {
            "zh": "市场监督管理投诉举报处理暂行办法第九条",
            "en": "Interim Measures on Handling Market Regulation Complaints and Reports, Art. 9"
          }
        },
        {
          "id": "contents-at-opening",
          "level": "required",
          "any_of": [
            [
              {
                "role": "unboxing-video",
                "min": 1
              }
            ],
            [
              {
                "role": "package-photo",
                "min": 1
              },
              {
                "role": "product-photo",
                "min": 1
              }
            ]
          ],
          "reason": {
            "zh": "须证明包裹签收时的状况和其中实际的物品：最好是从面单开始连续拍摄的开箱视频；没有视频时，至少要有包裹/面单照片加内件照片。",
            "en": "You must show the parcel as signed for and what it held: best an unboxing video that starts from the waybill in one take; without one, at least a photo of the package and waybill plus a photo of the contents."
          },
          "advice": {
            "zh": "录制开箱视频：先拍面单和完好的封口，再连续拍摄拆封和所有内件；或拍摄包裹/面单照片和全部内件摊开的照片。",
            "en": "Record an unboxing video showing the waybill and the intact seal, then the opening and every item inside in one take; or photograph the package with its waybill and all the contents laid out."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第七十五条、第七十六条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 75 and 76"
          }
        },
        {
          "id": "what-was-ordered",
          "level": "recommended",
          "role": "listing-screenshot",
          "min": 1,
          "reason": {
            "zh": "交易快照显示订单应包含的商品、数量和配件，便于对照缺少了什么。",
            "en": "The transaction snapshot shows the items, quantities and parts the order should include, so what is missing is clear."
          },
          "advice": {
            "zh": "在订单详情中打开“交易快照”，截取规格、数量和“包装清单”部分。",
            "en": "In the order details open the “transaction snapshot” and screenshot the variant, quantity and “what's in the box” sections."
          }
        },
        {
          "id": "delivery",
          "level": "recommended",
          "role": "logistics-record",
          "min": 1,
          "reason": {
            "zh": "物流记录显示签收时间和签收人（签收时间即交付时间），有的还显示包裹重量，可与应有重量对比。",
            "en": "The tracking record shows when and by whom the parcel was signed for (signing time is delivery time), sometimes its weight, which can be compared with what it should weigh."
          },
          "advice": {
            "zh": "在订单的物流详情页截图，须包含签收时间和签收人。",
            "en": "Screenshot the order's tracking page, including the signing time and signer."
          },
          "citation": {
            "zh": "电子商务法第五十一条",
            "en": "E-Commerce Law, Art. 51"
          }
        },
        {
          "id": "contact-with-seller",
          "level": "recommended",
          "role": "chat-record",
          "min": 1,
          "reason": {
            "zh": "聊天记录证明你在发现少件后及时联系了商家。",
            "en": "The chat record shows you contacted the seller promptly after finding items missing."
          },
          "advice": {
            "zh": "截取与客服的完整对话（含时间），或从旺旺/千牛导出聊天记录。",
            "en": "Screenshot the whole conversation with customer service (with times), or export it from Wangwang/Qianniu."
          }
        }
      ]
    },
    {
      "id": "shipping-delay",
      "label": {
        "zh": "未按约定时间发货",
        "en": "Late shipping"
      },
      "summary": {
        "zh": "商家未在承诺时间内发货。发货时间以快递公司系统记录为准（第二十五条）；未经买家同意延迟发货的，由商家承担相应责任（第二十七条、第三十一至三十二条）。",
        "en": "The seller did not ship within the promised time. The shipping time is the courier system's record (Art. 25); late shipping without the buyer's consent is at the seller's cost (Art. 27, 31-32)."
      },
      "purposes": {
        "listing-screenshot": {
          "zh": "证明商家承诺的发货时间",
          "en": "Shows the shipping time the seller promised"
        },
        "logistics-record": {
          "zh": "证明快递公司系统记录的实际揽收（发货）时间",
          "en": "Shows the actual pick-up (shipping) time in the courier's system"
        }
      },
      "requirements": [
        {
          "id": "proof-of-purchase",
          "level": "required",
          "role": "order-screenshot",
          "min": 1,
          "reason": {
            "zh": "没有购买凭证的投诉会被平台和消费者协会退回；订单截图证明你与商家之间的交易。订单截图还显示付款时间，是计算发货时限的起点。",
            "en": "Complaints without proof of purchase are turned away by the platform and consumer associations; the order screenshot proves the sale between you and the seller. It also shows the payment time, from which the shipping deadline runs."
          },
          "advice": {
            "zh": "在“我的订单”中打开该订单详情页截图，须能看到订单号、下单时间、实付金额和订单状态。",
            "en": "Screenshot the order's detail page under “My orders”, showing the order number, order time, amount paid and status."
          },
          "citation": {
            "zh": "市场监督管理投诉举报处理暂行办法第九条",
            "en": "Interim Measures on Handling Market Regulation Complaints and Reports, Art. 9"
          }
        },
        {
          "id": "promised-time",
          "level": "required",
          "role": "listing-screenshot",
          "min": 1,
          "reason": {
            "zh": "须证明商家承诺的发货时间（如“48小时内发货”），才能认定延迟。",
            "en": "The promised shipping time (e.g. “ships within 48 hours”) must be shown before a delay can be established."
          },
          "advice": {
            "zh": "在“交易快照”中截取显示发货承诺的部分。",
            "en": "Screenshot the shipping promise in the order's “transaction snapshot”."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第二十七条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 27"
          }
        },
        {
          "id": "actual-ship-time",
          "level": "required",
          "role": "logistics-record",
          "min": 1,
          "reason": {
            "zh": "“已发货”以快递公司系统中的揽收记录时间为准，而不是商家点击发货的时间。",
            "en": "“Shipped” means the pick-up time in the courier's system, not when the seller clicked “ship”."
          },
          "advice": {
            "zh": "在订单物流详情中截取第一条揽收记录（含时间）。",
            "en": "Screenshot the first pick-up entry (with its time) on the order's tracking page."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第二十五条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 25"
          }
        },
        {
          "id": "contact-with-seller",
          "level": "recommended",
          "role": "chat-record",
          "min": 1,
          "reason": {
            "zh": "聊天记录可证明商家未征得你同意便延迟发货。",
            "en": "The chat record can show the seller delayed without your consent."
          },
          "advice": {
            "zh": "截取与客服的完整对话（含时间），或从旺旺/千牛导出聊天记录。",
            "en": "Screenshot the whole conversation with customer service (with times), or export it from Wangwang/Qianniu."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第二十七条、第三十一条、第三十二条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 27, 31 and 32"
          }
        }
      ]
    },
    {
      "id": "logistics",
      "label": {
        "zh": "物流异常",
        "en": "Delivery problem"
      },
      "summary": {
        "zh": "物流延误、丢失、破损或显示签收但未收到。买家签收前风险由商家承担（第十条）；买家称未收到的，由商家举证（第三十八条）；买家可当面验货并拒收（第三十七条）。",
        "en": "The parcel is late, lost, damaged, or shown as signed but never received. The seller bears the risk until the buyer signs (Art. 10); if the buyer says it never arrived the seller must prove delivery (Art. 38); the buyer may inspect the outside and refuse it (Art. 37)."
      },
      "purposes": {
        "logistics-record": {
          "zh": "证明物流异常：长时间停滞、丢失或非本人签收",
          "en": "Shows the delivery problem: stalled tracking, loss, or signing by someone else"
        }
      },
      "requirements": [
        {
          "id": "proof-of-purchase",
          "level": "required",
          "role": "order-screenshot",
          "min": 1,
          "reason": {
            "zh": "没有购买凭证的投诉会被平台和消费者协会退回；订单截图证明你与商家之间的交易。",
            "en": "Complaints without proof of purchase are turned away by the platform and consumer associations; the order screenshot proves the sale between you and the seller."
          },
          "advice": {
            "zh": "在“我的订单”中打开该订单详情页截图，须能看到订单号、下单时间、实付金额和订单状态。",
            "en": "Screenshot the order's detail page under “My orders”, showing the order number, order time, amount paid and status."
          },
          "citation": {
            "zh": "市场监督管理投诉举报处理暂行办法第九条",
            "en": "Interim Measures on Handling Market Regulation Complaints and Reports, Art. 9"
          }
        },
        {
          "id": "tracking",
          "level": "required",
          "role": "logistics-record",
          "min": 1,
          "reason": {
            "zh": "物流记录是物流异常的直接证据：显示停滞、退回、丢失或非本人签收。",
            "en": "The tracking record is the direct proof of a delivery problem: it shows the parcel stalled, returned, lost or signed for by someone else."
          },
          "advice": {
            "zh": "截取订单物流详情的完整轨迹，须能看到异常的那几条记录和时间。",
            "en": "Screenshot the order's full tracking history, including the abnormal entries and their times."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第十条、第三十八条；电子商务法第二十条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 10 and 38; E-Commerce Law, Art. 20"
          }
        },
        {
          "id": "package-condition",
          "level": "recommended",
          "role": "package-photo",
          "min": 1,
          "reason": {
            "zh": "包裹破损时，外包装和面单照片证明损坏发生在运输途中。",
            "en": "When the parcel is damaged, photos of the outer package and waybill show the damage happened in transit."
          },
          "advice": {
            "zh": "签收前或签收时拍摄外包装破损处和面单；严重破损可当场拒收。",
            "en": "Photograph the damaged outer package and the waybill before or when signing; refuse a badly damaged parcel on the spot."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第三十七条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 37"
          }
        },
        {
          "id": "contact-with-seller",
          "level": "recommended",
          "role": "chat-record",
          "min": 1,
          "reason": {
            "zh": "聊天记录证明你已要求商家或快递核实处理。",
            "en": "The chat record shows you asked the seller or courier to investigate."
          },
          "advice": {
            "zh": "截取与客服的完整对话（含时间），或从旺旺/千牛导出聊天记录。",
            "en": "Screenshot the whole conversation with customer service (with times), or export it from Wangwang/Qianniu."
          }
        }
      ]
    },
    {
      "id": "price-fraud",
      "label": {
        "zh": "价格欺诈/虚假宣传",
        "en": "Price fraud / false advertising"
      },
      "summary": {
        "zh": "虚构原价、结算价高于标价、不兑现促销规则等。依据《明码标价和禁止价格欺诈规定》（2022）：被划线的“原价”不得高于前七日内最低成交价（第十六条）；网络交易中首页价格低于结算价、不履行促销承诺等属价格欺诈（第十九、二十条）。",
        "en": "Fictitious “was” prices, a checkout price higher than the price shown, promotion rules not honoured. Under the Provisions on Clearly Marked Prices and the Prohibition of Price Fraud (2022), a struck-through “was” price may not exceed the lowest price of the previous 7 days (Art. 16); online, a display price lower than the checkout price or an unkept promotion is price fraud (Art. 19-20)."
      },
      "purposes": {
        "listing-screenshot": {
          "zh": "证明页面标示的价格、划线原价和促销规则",
          "en": "Shows the displayed price, the struck-through “was” price and the promotion rules"
        },
        "payment-receipt": {
          "zh": "证明实际结算的金额",
          "en": "Shows the amount actually charged at checkout"
        }
      },
      "requirements": [
        {
          "id": "proof-of-purchase",
          "level": "required",
          "role": "order-screenshot",
          "min": 1,
          "reason": {
            "zh": "没有购买凭证的投诉会被平台和消费者协会退回；订单截图证明你与商家之间的交易。",
            "en": "Complaints without proof of purchase are turned away by the platform and consumer associations; the order screenshot proves the sale between you and the seller."
          },
          "advice": {
            "zh": "在“我的订单”中打开该订单详情页截图，须能看到订单号、下单时间、实付金额和订单状态。",
            "en": "Screenshot the order's detail page under “My orders”, showing the order number, order time, amount paid and status."
          },
          "citation": {
            "zh": "市场监督管理投诉举报处理暂行办法第九条",
            "en": "Interim Measures on Handling Market Regulation Complaints and Reports, Art. 9"
          }
        },
        {
          "id": "displayed-price",
          "level": "required",
          "role": "listing-screenshot",
          "min": 1,
          "reason": {
            "zh": "须证明页面展示的价格或促销承诺，才能与实际成交价对比。",
            "en": "The price or promotion the page displayed must be shown so it can be compared with what you paid."
          },
          "advice": {
            "zh": "截取商品页面或交易快照中的价格、划线价和活动规则（含截图时间）。",
            "en": "Screenshot the price, the struck-through price and the promotion rules on the listing or transaction snapshot (with the time visible)."
          },
          "citation": {
            "zh": "明码标价和禁止价格欺诈规定第十九条、第二十条；价格法第十四条第（四）项",
            "en": "Provisions on Clearly Marked Prices and the Prohibition of Price Fraud, Art. 19 and 20; Price Law, Art. 14(4)"
          }
        },
        {
          "id": "payment",
          "level": "required",
          "role": "payment-receipt",
          "min": 1,
          "reason": {
            "zh": "支付凭证证明实际结算的金额，与页面标价的差额就是价格欺诈的直接证据。",
            "en": "The payment receipt proves the amount actually charged; its difference from the displayed price is the direct proof of price fraud."
          },
          "advice": {
            "zh": "在支付宝“账单”中打开这笔付款，截图或下载电子回单（PDF）。",
            "en": "Open the payment in Alipay's bill list and screenshot it, or download the electronic receipt (PDF)."
          },
          "citation": {
            "zh": "明码标价和禁止价格欺诈规定第十九条",
            "en": "Provisions on Clearly Marked Prices and the Prohibition of Price Fraud, Art. 19"
          }
        },
        {
          "id": "price-history",
          "level": "recommended",
          "role": "listing-screenshot",
          "min": 2,
          "reason": {
            "zh": "虚构原价须证明划线“原价”高于前七日内的最低成交价：需要不同日期的页面价格截图。",
            "en": "A fictitious “was” price is proven by showing it exceeds the lowest price of the previous 7 days: this needs price screenshots from different days."
          },
          "advice": {
            "zh": "保存下单前几天的商品页面截图（或比价工具的价格走势截图），与下单时的页面一起提交。",
            "en": "Keep screenshots of the listing from the days before the order (or a price-history chart) alongside the one from the order day."
          },
          "citation": {
            "zh": "明码标价和禁止价格欺诈规定第十六条",
            "en": "Provisions on Clearly Marked Prices and the Prohibition of Price Fraud, Art. 16"
          }
        },
        {
          "id": "respondent",
          "level": "recommended",
          "role": "merchant-info",
          "min": 1,
          "reason": {
            "zh": "向 12315 或消费者协会投诉须写明被投诉方的名称和地址；网店的主体信息在营业执照页面。",
            "en": "A complaint to 12315 or a consumer association must name the respondent and its address; a shop's entity details are on its licence page."
          },
          "advice": {
            "zh": "在店铺首页点“店铺资质/营业执照”并截图，须能看到企业名称和地址。",
            "en": "On the shop's home page open “licence/qualifications” and screenshot it, showing the company name and address."
          },
          "citation": {
            "zh": "市场监督管理投诉举报处理暂行办法第九条",
            "en": "Interim Measures on Handling Market Regulation Complaints and Reports, Art. 9"
          }
        }
      ]
    },
    {
      "id": "order-status",
      "label": {
        "zh": "订单状态异常",
        "en": "Order status problem"
      },
      "summary": {
        "zh": "订单状态异常，例如：已点发货但未签收时申请退款，商家须联系快递拦截（第二十三条）；状态长期不更新；订单未经同意被关闭。",
        "en": "The order's status is wrong, e.g. a refund asked after “shipped” but before signing, when the seller must ask the courier to intercept (Art. 23); a status that never updates; an order closed without consent."
      },
      "purposes": {
        "order-screenshot": {
          "zh": "证明订单当前的异常状态及其时间",
          "en": "Shows the order's abnormal status and when it changed"
        }
      },
      "requirements": [
        {
          "id": "proof-of-purchase",
          "level": "required",
          "role": "order-screenshot",
          "min": 1,
          "reason": {
            "zh": "没有购买凭证的投诉会被平台和消费者协会退回；订单截图证明你与商家之间的交易。订单截图同时记录了异常的订单状态。",
            "en": "Complaints without proof of purchase are turned away by the platform and consumer associations; the order screenshot proves the sale between you and the seller. It also records the abnormal status."
          },
          "advice": {
            "zh": "在“我的订单”中打开该订单详情页截图，须能看到订单号、下单时间、实付金额和订单状态。",
            "en": "Screenshot the order's detail page under “My orders”, showing the order number, order time, amount paid and status."
          },
          "citation": {
            "zh": "市场监督管理投诉举报处理暂行办法第九条",
            "en": "Interim Measures on Handling Market Regulation Complaints and Reports, Art. 9"
          }
        },
        {
          "id": "what-happened",
          "level": "required",
          "any_of": [
            [
              {
                "role": "chat-record",
                "min": 1
              }
            ],
            [
              {
                "role": "logistics-record",
                "min": 1
              }
            ]
          ],
          "reason": {
            "zh": "须证明异常经过：与商家的沟通（如要求拦截、商家未经同意关闭订单），或物流记录（如未签收、已退回）。",
            "en": "You must show what happened: your exchange with the seller (asking for interception, an order closed without consent) or the tracking record (not signed for, returned)."
          },
          "advice": {
            "zh": "截取与客服的对话（含时间），或订单物流详情页。",
            "en": "Screenshot the conversation with customer service (with times), or the order's tracking page."
          },
          "citation": {
            "zh": "淘宝争议处理规则（2025修订）第二十三条",
            "en": "Taobao Dispute Handling Rules (2025 rev.), Art. 23"
          }
        },
        {
          "id": "payment",
          "level": "recommended",
          "role": "payment-receipt",
          "min": 1,
          "reason": {
            "zh": "支付凭证证明实际支付的金额，是退款或赔偿金额的依据。",
            "en": "The payment receipt proves the amount actually paid, the basis of any refund or compensation."
          },
          "advice": {
            "zh": "在支付宝“账单”中打开这笔付款，截图或下载电子回单（PDF）。",
            "en": "Open the payment in Alipay's bill list and screenshot it, or download the electronic receipt (PDF)."
          }
        }
      ]
    }
  ]
}
"""#
}
